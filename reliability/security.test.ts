/**
 * The server's security surface, against the real server (HTTPS, HTTP, internode TLS, a data
 * directory): every route needs the credentials, keys are never served and are stored
 * owner-only, the HTTP port answers nothing once `http_support` is off, and an internode
 * listener completes a handshake with exactly the documented versions and suites, out of every
 * suite the OpenSSL under Node knows.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCiphers, type SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshake } from '../api/handshake.ts';
import { INTERNODE_TLS } from '../domain/rules/tls.ts';
import { HARNESS_ROUTES } from '../mock/api/handlers.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { documentedOperations, loadOpenApi } from '../spec/openapi.ts';
import { agents, CREDENTIALS, send, type Reply } from './testing/http.ts';
import { documentedReads } from './testing/snapshot.ts';

const dir = mkdtempSync(join(tmpdir(), 'security-'));
const dataDir = join(dir, 'data');
let server: MockServer;
const agent = agents(8);
beforeAll(async () => {
  server = await startMockServer({ credentials: CREDENTIALS, httpsPort: 0, httpPort: 0, dataDir });
  await server.cluster.edge?.settled();
});
afterAll(async () => {
  agent.http.destroy();
  agent.https.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every route: the documented REST API (from spec/openapi.yaml) and the control and bootstrap routes beside it. */
const ROUTES = [
  ...documentedOperations(loadOpenApi()).map((op) => {
    const [method, path] = op.split(' ') as [string, string];
    return { method, path: path.replace('{uid}', '1').replace('{action}', 'remove') };
  }),
  ...HARNESS_ROUTES.map((r) => ({ method: r.method, path: r.path.replace(':uid', '1').replace(':host', 'host-1').replace(':port', '19999') })),
];

const BAD_CREDENTIALS: readonly [string, string | null][] = [
  ['none', null],
  ['a wrong password', `Basic ${Buffer.from(`${CREDENTIALS.username}:wrong`).toString('base64')}`],
  ['the password of another user', `Basic ${Buffer.from(`root:${CREDENTIALS.password}`).toString('base64')}`],
  ['the password as a bearer token', `Bearer ${CREDENTIALS.password}`],
];

describe('authentication', () => {
  it('every route of spec/openapi.yaml and of the control protocol refuses a request without the right credentials, on both listeners, changing nothing', async () => {
    expect(ROUTES.length).toBeGreaterThan(25);
    const position = server.cluster.store.position;
    for (const { method, path } of ROUTES) {
      for (const base of [server.httpsUrl, server.httpUrl]) {
        for (const [label, auth] of BAD_CREDENTIALS) {
          const r = await send(`${base}${path}`, { method, auth, agent: base.startsWith('https') ? agent.https : agent.http, ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }) });
          const where = `${method} ${base}${path} with ${label} credentials → ${r.status} ${r.text.slice(0, 100)}`;
          expect(r.status, where).toBe(401);
          expect(r.headers['www-authenticate'], where).toMatch(/^Basic /);
          expect(JSON.parse(r.text), where).toMatchObject({ error_code: 'unauthorized' });
        }
      }
    }
    expect(server.cluster.store.position).toBe(position);
  });
});

describe('keys', () => {
  it('[CERT-CA-002] no answer of any readable route contains the CA key on disk, nor a private key but a service certificate\'s own', async () => {
    const caKey = readFileSync(join(dataDir, 'pki', readdirSync(join(dataDir, 'pki')).find((f) => f.endsWith('.key'))!), 'utf8');
    // Lines of the key's base64: any one of them in an answer would be a piece of the key.
    const keyLines = caKey.split('\n').filter((l) => l.length >= 40 && !l.startsWith('-----'));
    expect(keyLines.length).toBeGreaterThan(10);
    // The live view's event stream never ends; what it streams are the log's events, read here
    // through GET /v1/logs.
    const streams = new Set(['/live/events']);
    const harnessReads = HARNESS_ROUTES.filter((r) => r.method === 'GET' && !streams.has(r.path));
    const reads = [...documentedReads(), ...harnessReads.map((r) => r.path.replace(':uid', '1').replace(':host', 'host-1'))];
    const answers: Reply[] = [];
    for (const path of reads) answers.push(await send(`${server.httpsUrl}${path}`, { agent: agent.https }));
    // The certificates are served (so the scan is of a real answer holding PEM).
    expect(answers[reads.indexOf('/v1/cluster/certificates')]!.text).toContain('BEGIN CERTIFICATE');
    // The certificates API gives each service's key beside its certificate (`<name>_key`), as a real
    // cluster does; nothing else anywhere holds a private key.
    const withoutServiceKeys = (path: string, text: string) =>
      path === '/v1/cluster/certificates' ? JSON.stringify(Object.entries(JSON.parse(text)).filter(([k]) => !k.endsWith('_key'))) : text;
    for (const [i, a] of answers.entries()) {
      expect(withoutServiceKeys(reads[i]!, a.text), reads[i]).not.toMatch(/PRIVATE KEY/);
      for (const line of keyLines) expect(a.text.includes(line), `${reads[i]} holds a line of the CA key`).toBe(false);
    }
  });

  it('keeps its private keys and its log owner-only: the CA key and the API key 0600 in a 0700 directory, the log 0600; no node key is written at all', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'pki')).mode & 0o777).toBe(0o700);
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : files.push(join(d, e.name));
    };
    walk(dataDir);
    const withKeys = files.filter((f) => readFileSync(f).includes('PRIVATE KEY'));
    // The API's key is kept so that a mock restarted on its data (after a crash) presents the same
    // certificate and a client's --ca stays valid (decisions/0020-crashes.md).
    expect(withKeys.map((f) => f.slice(dataDir.length + 1)).sort()).toEqual(['api-key.pem', 'pki/ca-1.key']);
    for (const f of withKeys) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    expect(statSync(join(dataDir, 'cluster.db')).mode & 0o777).toBe(0o600);
  });
});

describe('http_support disabled', () => {
  it('[PORT-HTTP-002] the HTTP port refuses every route while HTTPS still answers', async () => {
    const off = await send(`${server.httpsUrl}/v1/cluster`, { method: 'PUT', json: { http_support: false }, agent: agent.https });
    expect(off.status).toBe(200);
    agent.http.destroy(); // kept-alive connections from before are not the port answering
    for (let i = 0; i < 100 && (await send(`${server.httpUrl}/v1/cluster`).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 20));
    for (const { method, path } of ROUTES) {
      const r = await send(`${server.httpUrl}${path}`, { method }).then(
        (reply) => `${reply.status}`,
        (e: NodeJS.ErrnoException) => e.code,
      );
      expect(r, `${method} ${path} over HTTP`).toBe('ECONNREFUSED');
    }
    expect((await send(`${server.httpsUrl}/v1/cluster`, { agent: agent.https })).status).toBe(200);
    expect((await send(`${server.httpsUrl}/v1/cluster`, { method: 'PUT', json: { http_support: true }, agent: agent.https })).status).toBe(200);
  });
});

describe('the internode TLS listener', () => {
  const VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  /** The OpenSSL name of a TLS 1.2 suite, or the IANA name of a TLS 1.3 one, as Node's `ciphers` option takes them. */
  const documented = new Set<string>([...INTERNODE_TLS.tls12Ciphers.map((c) => `TLSv1.2 ${c}`), ...INTERNODE_TLS.tls13Suites.map((s) => `TLSv1.3 ${s}`)]);

  it('[ENC-TLS-001] [ENC-TLS-002] [ENC-TLS-003] completes a handshake with exactly the documented versions and suites, out of every suite Node\'s OpenSSL knows', async () => {
    const at = await send(`${server.httpsUrl}/control/v1/nodes/1/internode`, { agent: agent.https });
    expect(at.status).toBe(200);
    const { host, port } = JSON.parse(at.text);
    const suites = getCiphers().map((c) => c.toUpperCase());
    const accepted: string[] = [];
    const refused: string[] = [];
    let clientCannotOffer = 0;
    for (const version of VERSIONS) {
      for (const suite of suites) {
        const tls13 = suite.startsWith('TLS_');
        if (tls13 !== (version === 'TLSv1.3')) continue;
        // Security level 0 so that the client offers even suites OpenSSL deems weak: the server must refuse them itself.
        // A PSK identity too, so that the PSK suites are offered as well.
        const r = await handshake(host, port, {
          minVersion: version,
          maxVersion: version,
          ciphers: tls13 ? suite : `${suite}:@SECLEVEL=0`,
          rejectUnauthorized: false,
          pskCallback: () => ({ psk: Buffer.alloc(32, 1), identity: 'probe' }),
        });
        if (r.ok) accepted.push(`${version} ${suite}`);
        else if (/no cipher|no ciphers|unsupported protocol|no protocols available/i.test(r.error) && !/alert/i.test(r.error)) clientCannotOffer++;
        else refused.push(`${version} ${suite}`);
      }
    }
    console.log(
      `[reliability] internode TLS scan: ${suites.length} suites × ${VERSIONS.length} versions, ${accepted.length} accepted (${accepted.join(', ')}), ` +
        `${refused.length} refused by the listener, ${clientCannotOffer} pairs that do not exist (a suite of a later version than the one offered)`,
    );
    expect(accepted.sort()).toEqual([...documented].sort());
    // The scan reached the listener: it refused many more than it accepted, TLS 1.0 and 1.1 among them.
    expect(refused.filter((r) => r.startsWith('TLSv1 ')).length).toBeGreaterThan(5);
    expect(refused.filter((r) => r.startsWith('TLSv1.1 ')).length).toBeGreaterThan(5);
    expect(refused.filter((r) => r.startsWith('TLSv1.2 ')).length).toBeGreaterThan(10);
    expect(refused.filter((r) => r.startsWith('TLSv1.3 ')).length).toBeGreaterThan(0);
  });
});
