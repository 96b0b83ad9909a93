import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../server/server.ts';
import { portInUse } from './ports.ts';

// Its own loopback address: other test files' servers bind ports on 127.0.0.1.
const HOST = '127.0.0.31';
const credentials = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from('admin@example.com:secret').toString('base64')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'held-again-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function api(server: MockServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.httpsUrl}${path}`, { method, ca: server.certificatePem, headers: { authorization: AUTH, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('a mock restarted on its data', () => {
  it('[PORT-CM-001] holds again the ports another process held: the process did not stop with the mock', async () => {
    const start = () => startMockServer({ credentials, host: HOST, httpsPort: 0, httpPort: 0, settleMs: 20, dataDir });
    const first = await start();
    try {
      expect((await api(first, 'POST', '/control/v1/ports/18502')).status).toBe(200);
    } finally {
      // Closing lets the port go without a release in the log, as a crash does.
      await first.close();
    }
    expect(await portInUse(18502, HOST)).toBe(false);
    const again = await start();
    try {
      await again.cluster.edge?.settled();
      expect(await portInUse(18502, HOST)).toBe(true);
      expect((await api(again, 'PUT', '/v1/cluster', { cm_port: 18502 })).body.error_code).toBe('bad_nginx_conf');
      expect((await api(again, 'DELETE', '/control/v1/ports/18502')).status).toBe(200);
      expect(await portInUse(18502, HOST)).toBe(false);
    } finally {
      await again.close();
    }
  });
});
