/**
 * Slow, stalled and too many clients: the standalone server (own process, client time limits
 * set small through `startMockServer`'s `timeouts`) must end every connection that stalls —
 * before the TLS handshake, in the headers, in the body, idle after an answer — within its
 * limits, keep answering others meanwhile, and give back the memory a flood of connections took.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { connect as tcp, type Socket } from 'node:net';
import { connect as tls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, send } from './testing/http.ts';
import { rawExchange, type RawAnswer } from './testing/probe.ts';
import { memoryOf, rssOf, spawnServer, type ServerProcess } from './testing/process.ts';

const LIMITS = { handshakeMs: 1000, headersMs: 1000, requestMs: 2000, keepAliveMs: 1000 };
/** Longest a stalled client is waited for before it counts as let hang (4 × the longest limit). */
const HANG_MS = 4 * LIMITS.requestMs;
const MB = 1024 * 1024;

let server: ServerProcess;
let host: string;
let ports: { http: number; https: number };
beforeAll(async () => {
  server = await spawnServer('reliability/testing/serve.ts', [JSON.stringify({ database: true, timeouts: LIMITS })], { nodeArgs: ['--expose-gc'] });
  host = new URL(server.httpUrl).hostname;
  ports = { http: Number(new URL(server.httpUrl).port), https: Number(new URL(server.httpsUrl).port) };
});
afterAll(() => server?.kill('SIGTERM'));

const GET = `GET /v1/nodes HTTP/1.1\r\nHost: cluster.test\r\nAuthorization: ${AUTH}\r\n\r\n`;
const POST_HEAD = `POST /v1/bdbs HTTP/1.1\r\nHost: cluster.test\r\nAuthorization: ${AUTH}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;

/** The slow clients, each with the limit that must end it. */
const STALLS: readonly { name: string; limit: keyof typeof LIMITS; run: () => Promise<RawAnswer> }[] = [
  { name: 'connects over TCP and sends nothing', limit: 'headersMs', run: () => rawExchange(host, ports.http, Buffer.alloc(0), { end: false, limitMs: HANG_MS }) },
  { name: 'sends half a request line and stops', limit: 'headersMs', run: () => rawExchange(host, ports.http, Buffer.from('GET /v1/no'), { end: false, limitMs: HANG_MS }) },
  {
    name: 'drips its headers a byte every 50 ms (slowloris)',
    limit: 'headersMs',
    run: () => rawExchange(host, ports.http, Buffer.from(GET), { end: false, dripMs: 50, limitMs: HANG_MS }),
  },
  {
    name: 'sends its headers, then its body a byte every 100 ms',
    limit: 'requestMs',
    run: () => rawExchange(host, ports.http, Buffer.from(`${POST_HEAD}${'{"name": "x"'.padEnd(1000)}`), { end: false, dripMs: 100, dripAfter: POST_HEAD.length, limitMs: HANG_MS }),
  },
  {
    name: 'sends its headers and half its body, then stops',
    limit: 'requestMs',
    run: () => rawExchange(host, ports.http, Buffer.from(`${POST_HEAD}{"name": "db2",`), { end: false, limitMs: HANG_MS }),
  },
  { name: 'connects to HTTPS and never starts the TLS handshake', limit: 'handshakeMs', run: () => stalledTls(Buffer.alloc(0)) },
  { name: 'sends half a TLS ClientHello and stops', limit: 'handshakeMs', run: () => stalledTls(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])) },
  {
    name: 'completes TLS, then sends half a request line',
    limit: 'headersMs',
    run: () => rawExchange(host, ports.https, Buffer.from('GET /v1/no'), { tls: true, end: false, limitMs: HANG_MS }),
  },
  { name: 'keeps its connection open after an answer', limit: 'keepAliveMs', run: () => rawExchange(host, ports.http, Buffer.from(GET), { end: false, limitMs: HANG_MS }) },
];

/** A TCP client to the TLS port that writes `bytes` and then waits. */
function stalledTls(bytes: Buffer): Promise<RawAnswer> {
  return rawExchange(host, ports.https, bytes, { end: false, limitMs: HANG_MS });
}

describe('slow and stalled clients', () => {
  it('[API-ERR-001] every stalled connection is ended by the server within its limit, while others are answered', { timeout: 120_000 }, async () => {
    const started = STALLS.map((s) => s.run());
    // Meanwhile a normal client is answered at once, several times.
    for (let i = 0; i < 5; i++) expect((await send(`${server.httpsUrl}/v1/cluster`)).status).toBe(200);
    const answers = await Promise.all(started);
    const longest = Math.max(...answers.map((a) => a.ms));
    console.log(
      `[reliability] slow clients: longest connection the server let hang ${longest} ms (limits ${JSON.stringify(LIMITS)}); ` +
        STALLS.map((s, i) => `${s.name}: ${answers[i]!.ms} ms${answers[i]!.statuses.length ? ` → ${answers[i]!.statuses.join(',')}` : ''}`).join('; '),
    );
    for (const [i, a] of answers.entries()) {
      expect(a.hung, `${STALLS[i]!.name}: still open after ${HANG_MS} ms`).toBe(false);
      // Ended by the limit, not before: the server does not drop slow clients at random either.
      expect(a.ms, STALLS[i]!.name).toBeGreaterThanOrEqual(LIMITS[STALLS[i]!.limit] - 100);
      expect(a.statuses.filter((s) => s >= 500), STALLS[i]!.name).toEqual([]);
    }
    // A stall inside a request is told why: 408 in the API's error shape.
    const midRequest = answers[STALLS.findIndex((s) => s.name.startsWith('sends its headers and half'))]!;
    expect(midRequest.statuses).toEqual([408]);
    expect(midRequest.text).toContain('"error_code":"request_timeout"');
    expect(server.child.exitCode).toBeNull();
  });
});

/** How many descriptors the flood may use here: a quarter of the soft limit, at most 2000. */
function floodSize(): number {
  let limit = 1024;
  try {
    limit = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || 1024;
  } catch {
    // keep the conservative default
  }
  return Math.min(2000, Math.floor(limit / 4));
}

async function openMany(count: number, secure: boolean): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 100) {
    const batch = Array.from({ length: Math.min(100, count - i) }, () => {
      const s = secure ? tls({ host, port: ports.https, rejectUnauthorized: false }) : tcp({ host, port: ports.http });
      s.on('error', () => {});
      s.resume();
      sockets.push(s);
      return once(s, secure ? 'secureConnect' : 'connect').catch(() => undefined);
    });
    await Promise.all(batch);
  }
  return sockets;
}

/** Opens a flood of idle connections, checks the server answers meanwhile and ends every one of them; returns how many it let hang. */
async function flood(size: number): Promise<{ opened: number; open: number; peak: number }> {
  const all = [...(await openMany(size, false)), ...(await openMany(Math.floor(size / 10), true))];
  const peak = rssOf(server.pid);
  expect((await send(`${server.httpsUrl}/v1/nodes`, { timeoutMs: 5000 })).status).toBe(200);
  // None of them sends a thing: the header (or handshake) limit ends every one of them.
  const deadline = Date.now() + HANG_MS;
  const isOpen = (s: Socket) => !s.destroyed && !s.readableEnded;
  while (all.some(isOpen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const open = all.filter(isOpen).length;
  for (const s of all) s.destroy();
  await new Promise((r) => setTimeout(r, 500));
  return { opened: all.length, open, peak };
}

describe('a flood of connections', () => {
  it('[API-ERR-001] thousands of idle connections are all ended by the server, it keeps answering, and it holds on to no memory for them', { timeout: 120_000 }, async () => {
    const size = floodSize();
    const before = await memoryOf(server);
    const first = await flood(size);
    const afterFirst = await memoryOf(server);
    const second = await flood(size);
    const afterSecond = await memoryOf(server);
    const mb = (b: number) => `${(b / MB).toFixed(1)} MB`;
    console.log(
      `[reliability] flood: twice ${first.opened} idle connections (${size} TCP + ${Math.floor(size / 10)} TLS); server RSS before ${mb(before.rss)}, ` +
        `during ${mb(first.peak)}, after ${mb(afterFirst.rss)}, during the second ${mb(second.peak)}, after ${mb(afterSecond.rss)}; ` +
        `heap in use after GC ${mb(before.heapUsed)} → ${mb(afterFirst.heapUsed)} → ${mb(afterSecond.heapUsed)}; ${first.open + second.open} let hang past ${HANG_MS} ms`,
    );
    expect(first.open + second.open, 'connections the server let hang').toBe(0);
    // What the server still holds once the connections are gone: nothing per connection.
    expect(afterSecond.heapUsed - before.heapUsed, 'heap kept after two floods').toBeLessThan(8 * MB);
    expect(afterSecond.rss - before.rss, 'resident memory kept after two floods').toBeLessThan(64 * MB);
    expect((await send(`${server.httpsUrl}/v1/cluster`)).status).toBe(200);
  });
});
