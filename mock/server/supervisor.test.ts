import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listeningLine } from './supervisor.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One request over HTTPS, trusting only `ca`. */
function send(url: string, ca: string, method: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, ca, auth: 'admin@example.com:admin', agent: false, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

describe('npm run mock -- --data-dir DIR: the server supervised', () => {
  it('restarts it on its data, ports and certificate after a crash, and a SIGTERM stops both and frees the ports', async () => {
    // What `npm run mock` runs (the mock's command line with the suite's variants), as a process.
    const parent = spawn(process.execPath, ['--import', 'tsx', 'conformance/mutants/serve.ts', '--data-dir', dir, '--https-port', '0', '--http-port', '0', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const listening: { https: string; pid: number }[] = [];
    const waiters: (() => void)[] = [];
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const l of lines) {
        const at = listeningLine(l) as { https: string; pid: number } | undefined;
        if (at) listening.push(at), waiters.splice(0).forEach((w) => w());
      }
    });
    const exited = new Promise<number | null>((r) => parent.once('exit', (code) => r(code)));
    const listened = (n: number) => new Promise<void>((r) => (listening.length >= n ? r() : waiters.push(() => listening.length >= n && r())));
    try {
      await listened(1);
      const { https, pid } = listening[0]!;
      const ca = readFileSync(join(dir, 'api-ca.pem'), 'utf8');
      expect(pid).not.toBe(parent.pid);
      expect((await send(`${https}/control/v1/capabilities`, ca, 'GET')).body.capabilities).toContain('crash');
      expect((await send(`${https}/v1/bdbs`, ca, 'POST', { name: 'kept', memory_size: 104857600 })).status).toBe(200);
      expect(await send(`${https}/control/v1/crash`, ca, 'POST', { after_ms: 0 })).toEqual({ status: 202, body: { after_ms: 0 } });
      await listened(2);
      const again = listening[1]!;
      // Another process, at the same address, with the same certificate (the same --ca trusts it).
      expect(again.pid).not.toBe(pid);
      expect(again.https).toBe(https);
      expect(readFileSync(join(dir, 'api-ca.pem'), 'utf8')).toBe(ca);
      const db = await send(`${https}/v1/bdbs/1`, ca, 'GET');
      expect(db).toMatchObject({ status: 200, body: { name: 'kept' } });
      parent.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(() => process.kill(again.pid, 0)).toThrow();
      expect(await refused(Number(new URL(https).port))).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 180_000);
});
