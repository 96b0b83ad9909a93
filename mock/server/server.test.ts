import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { startMockServer, type MockServer } from './server.ts';

// Every REST API answer these tests receive over the wire is checked against spec/openapi.yaml.
const conforms = responseValidator();

const credentials = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

type Answer = { status: number; headers: Record<string, unknown>; body: string } | { error: string };

/** One request over a real socket; resolves with the answer or the connection error, never hangs. */
function call(url: string, { method = 'GET', body, auth = AUTH, ca }: { method?: string; body?: string; auth?: string | null; ca?: string } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = auth;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = send(url, { method, headers, ca, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const pathname = new URL(url).pathname;
        if (pathname.startsWith('/v1/')) expect(conforms(method, pathname, res.statusCode!, body)).toEqual([]);
        resolve({ status: res.statusCode!, headers: res.headers, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end(body);
  });
}

async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('the mock cluster server', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0 });
  });
  afterAll(() => server?.close());

  it('serves the REST API over HTTPS with its self-signed certificate', async () => {
    const r = await call(`${server.httpsUrl}/v1/nodes`, { ca: server.certificatePem });
    expect(r).toMatchObject({ status: 200 });
    expect(JSON.parse((r as { body: string }).body)).toHaveLength(3);
  });

  it('[NODE-ADDR-012] hands out bootstrap URLs that point back at the address the client used', async () => {
    const hosts = JSON.parse((await call(`${server.httpsUrl}/control/v1/hosts`, { ca: server.certificatePem }) as { body: string }).body);
    expect(hosts[0].bootstrap_url).toBe(`${server.httpsUrl}/hosts/host-1`);
  });

  it('serves a request target in absolute form as its path here, never taking its authority for links', async () => {
    const url = new URL(server.httpUrl);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: 'http://evil.example/control/v1/hosts', headers: { authorization: AUTH } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
      });
      req.on('error', reject);
      req.end();
    });
    expect(JSON.parse(body)[0].bootstrap_url).toBe(`${server.httpUrl}/hosts/host-1`);
  });

  it('[API-ERR-001] answers a path with a malformed escape as not found', async () => {
    expect(await call(`${server.httpsUrl}/v1/nodes/%E0%A4%A`, { ca: server.certificatePem })).toMatchObject({ status: 404 });
  });

  it('requires Basic auth on both listeners', async () => {
    for (const url of [server.httpsUrl, server.httpUrl]) {
      const r = await call(`${url}/v1/cluster`, { auth: null, ca: server.certificatePem });
      expect(r).toMatchObject({ status: 401, headers: { 'www-authenticate': expect.stringMatching(/^Basic/) } });
    }
  });

  it('[PORT-HTTP-004] [PORT-TBL-002] answers the API over HTTP itself, without a redirect', async () => {
    expect(await call(`${server.httpUrl}/v1/cluster`)).toMatchObject({ status: 200 });
  });

  it('[API-ERR-001] refuses an oversized body with 413 and keeps serving', async () => {
    const r = await call(`${server.httpsUrl}/v1/bdbs`, { method: 'POST', body: JSON.stringify({ name: 'x'.repeat(200_000) }), ca: server.certificatePem });
    expect(r).toMatchObject({ status: 413 });
    expect(await call(`${server.httpsUrl}/v1/cluster`, { ca: server.certificatePem })).toMatchObject({ status: 200 });
  });

  it('[PORT-HTTP-002] [PORT-HTTP-003] disabling http_support closes the HTTP port; enabling opens the same port again', async () => {
    const off = await call(`${server.httpsUrl}/v1/cluster`, { method: 'PUT', body: '{"http_support": false}', ca: server.certificatePem });
    expect(off).toMatchObject({ status: 200 });
    expect(await eventually(async () => 'error' in (await call(`${server.httpUrl}/v1/cluster`)))).toBe(true);
    expect(await call(`${server.httpUrl}/v1/cluster`)).toEqual({ error: 'ECONNREFUSED' });
    expect(await call(`${server.httpsUrl}/v1/cluster`, { ca: server.certificatePem })).toMatchObject({ status: 200 });

    const on = await call(`${server.httpsUrl}/v1/cluster`, { method: 'PUT', body: '{"http_support": true}', ca: server.certificatePem });
    expect(on).toMatchObject({ status: 200 });
    expect(await eventually(async () => (await call(`${server.httpUrl}/v1/cluster`) as { status?: number }).status === 200)).toBe(true);
  });

  it('[PORT-HTTP-002] a cluster that starts with http_support disabled never opens HTTP', async () => {
    const first = await startMockServer({ credentials, httpsPort: 0, httpPort: 0 });
    first.cluster.execute({ type: 'ConfigureCluster', data: { httpSupport: false } });
    await eventually(async () => 'error' in (await call(`${first.httpUrl}/v1/cluster`)));
    expect(await call(`${first.httpUrl}/v1/cluster`)).toEqual({ error: 'ECONNREFUSED' });
    await first.close();
  });
});

describe('the cluster clock of a running server', () => {
  it('[CERT-ROT-001] follows the wall clock, so the rotation job runs without anyone moving it', async () => {
    let wall = Date.now();
    const ticking = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, clockTickMs: 10, now: () => wall });
    const issued = () => Object.values(ticking.cluster.state.certificates).map((c) => c.notBefore);
    const before = issued();
    wall += 31 * 86_400_000;
    expect(await eventually(async () => issued().every((t, i) => t > before[i]!))).toBe(true);
    expect(ticking.cluster.state.clock).toBe(wall);
    const listed = JSON.parse(((await call(`${ticking.httpsUrl}/control/v1/capabilities`, { ca: ticking.certificatePem })) as { body: string }).body);
    expect(listed.capabilities).not.toContain('still-clock');
    await ticking.close();
  });

  it('stands still with clockTickMs 0: moved only by POST /clock, to the millisecond, and says so (still-clock)', async () => {
    let wall = Date.now();
    const still = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, clockTickMs: 0, now: () => wall });
    try {
      const control = async (path: string, body?: unknown) =>
        JSON.parse(((await call(`${still.httpsUrl}/control/v1${path}`, { ca: still.certificatePem, ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}) })) as { body: string }).body);
      expect((await control('/capabilities')).capabilities).toContain('still-clock');
      const at = still.cluster.state.clock;
      wall += 31 * 86_400_000;
      await new Promise((r) => setTimeout(r, 50));
      expect(still.cluster.state.clock).toBe(at);
      const edge = new Date(at + 30 * 86_400_000 - 1).toISOString();
      expect(await control('/clock', { now: edge })).toEqual({ now: edge });
      expect(still.cluster.state.clock).toBe(at + 30 * 86_400_000 - 1);
    } finally {
      await still.close();
    }
  });
});

describe('a mock cluster server with a data directory', () => {
  it('reports the ports it really serves the API on, after a reset too', async () => {
    const server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0 });
    try {
      const ports = { cnm_https_port: Number(new URL(server.httpsUrl).port), cnm_http_port: Number(new URL(server.httpUrl).port) };
      const get = async () => JSON.parse(((await call(`${server.httpsUrl}/v1/cluster`, { ca: server.certificatePem })) as { body: string }).body);
      expect(await get()).toMatchObject(ports);
      expect(ports.cnm_https_port).not.toBe(9443);
      const reset = await call(`${server.httpsUrl}/control/v1/reset`, { method: 'POST', body: '{}', ca: server.certificatePem });
      expect(reset).toMatchObject({ status: 200 });
      expect(await get()).toMatchObject(ports);
    } finally {
      await server.close();
    }
  });

  it('[API-LOG-001] recovers the exact state after a restart, and finishes work left pending', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'mock-')), 'data');
    const first = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, dataDir, settleMs: 60_000 });
    const post = (body: object) => call(`${first.httpsUrl}/v1/bdbs`, { method: 'POST', body: JSON.stringify(body), ca: first.certificatePem });
    expect(await post({ name: 'db1', memory_size: 1 })).toMatchObject({ status: 200 });
    first.cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    const before = first.cluster.state;
    await first.close();
    expect(statSync(join(dataDir, 'cluster.db')).mode & 0o777).toBe(0o600);
    // The CA's key is kept beside it, readable by the mock's user alone: no API shows these modes.
    const { readdirSync } = await import('node:fs');
    expect(statSync(join(dataDir, 'pki')).mode & 0o777).toBe(0o700);
    const keys = readdirSync(join(dataDir, 'pki')).filter((f) => f.endsWith('.key'));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(statSync(join(dataDir, 'pki', k)).mode & 0o777).toBe(0o600);

    const second = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, dataDir, settleMs: 60_000 });
    // The same state, but for where the API is served now: the settings follow the new ports.
    const port = (url: string) => Number(new URL(url).port);
    expect(second.cluster.state).toEqual({ ...before, config: { ...before.config, cnmHttpsPort: port(second.httpsUrl), cnmHttpPort: port(second.httpUrl) } });
    expect(second.cluster.state.databases['1']!.status).toBe('pending');
    // settle() runs only what is scheduled: the creation was picked up again at start.
    second.cluster.settle();
    expect(second.cluster.state.databases['1']!.status).toBe('active');
    await second.close();
  });
});

describe('the mock cluster server without a control protocol (npm run mock -- --no-control)', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, control: false, host: '127.0.0.10' });
  });
  afterAll(() => server?.close());

  it('answers 404 in the API error shape under /control/v1 and the hosts, and serves the REST API', async () => {
    for (const path of ['/control/v1/capabilities', '/control/v1/reset', '/hosts/host-4/v1/bootstrap']) {
      const r = await call(`${server.httpsUrl}${path}`, { method: path.endsWith('reset') ? 'POST' : 'GET', ca: server.certificatePem });
      expect(r, path).toMatchObject({ status: 404 });
      expect(JSON.parse((r as { body: string }).body), path).toMatchObject({ error_code: 'not_found', description: expect.any(String) });
    }
    const nodes = await call(`${server.httpsUrl}/v1/nodes`, { ca: server.certificatePem });
    expect(nodes).toMatchObject({ status: 200 });
  });
});
