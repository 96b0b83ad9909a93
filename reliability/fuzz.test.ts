/**
 * Hostile input at volume (API-ERR-001, API-ERR-002): 100,000 generated bad requests against
 * the standalone server in its own process — malformed API requests from
 * mock/api/testing/malformed/ over HTTP and HTTPS, and requests broken in their HTTP framing
 * from mock/api/testing/malformedHttp.ts over raw TCP and TLS — sent concurrently. Not one may
 * get a 5xx (or be accepted), the server must stay up, nothing a client can read may change
 * (every documented GET, the log on disk), and its memory must level off rather than grow with
 * the number of requests.
 *
 * `RELIABILITY_SEED=<seed>` replays the same requests; `RELIABILITY_FUZZ_CASES` changes how many.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badRequest, GOOD_AUTH, type BadRequest } from '../mock/api/testing/malformed/index.ts';
import { badWire } from '../mock/api/testing/malformedHttp.ts';
import { send } from './testing/http.ts';
import { readLog } from './testing/log.ts';
import { rawExchange } from './testing/probe.ts';
import { memoryOf, rssOf, spawnServer, type ServerProcess } from './testing/process.ts';
import { runSeed } from './testing/random.ts';
import { snapshot } from './testing/snapshot.ts';

const SEED = runSeed();
const CASES = Number(process.env.RELIABILITY_FUZZ_CASES ?? 100_000);
/** Most cases are API requests; the framing cases open a connection each, so they are fewer. */
const WIRE_CASES = Math.round(CASES * 0.15);
const API_CASES = CASES - WIRE_CASES;
const LANES = 24;
const BATCH = 1000;
const MB = 1024 * 1024;

const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
let server: ServerProcess;
beforeAll(async () => {
  // Short client time limits, so that a request the server lets hang shows as one quickly.
  const timeouts = { handshakeMs: 2000, headersMs: 2000, requestMs: 4000, keepAliveMs: 2000 };
  server = await spawnServer('reliability/testing/serve.ts', [JSON.stringify({ dataDir: join(dir, 'data'), database: true, settleMs: 600_000, timeouts })], {
    nodeArgs: ['--expose-gc'],
  });
});
afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** Generated cases, a batch at a time (each batch its own seed), so 100,000 are never held at once. */
function* cases<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): Generator<T> {
  for (let b = 0; b * BATCH < count; b++) yield* fc.sample(arbitrary, { numRuns: Math.min(BATCH, count - b * BATCH), seed: seed + b });
}

/** Pulls from one iterator in `lanes` concurrent loops. */
async function drain<T>(items: Iterator<T>, lanes: number, each: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let next = items.next(); !next.done; next = items.next()) await each(next.value);
    }),
  );
}

interface Outcome {
  status?: number;
  error?: string;
}

/** Sends a generated API request as a client would, with the right credentials unless they are its defect. */
function sendBad(base: string, agent: HttpAgent | HttpsAgent, r: BadRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.defect !== 'auth') headers.authorization = GOOD_AUTH;
    const body = r.body && Buffer.from(typeof r.body.data === 'string' ? r.body.data : r.body.data);
    if (body && !r.body!.streamed) headers['content-length'] = String(body.length);
    const secure = base.startsWith('https:');
    const req = (secure ? httpsRequest : httpRequest)(`${base}${r.target}`, { method: r.method, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode! }));
      res.on('error', (e) => resolve({ status: res.statusCode!, error: e.message }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    if (!body) return void req.end();
    // Streamed bodies go in 16 KiB chunks without a Content-Length (chunked).
    for (let i = 0; i < body.length; i += 16_384) req.write(body.subarray(i, i + 16_384));
    req.end();
  });
}

describe('a flood of bad requests', () => {
  it(`[API-ERR-001] [API-ERR-002] ${CASES} generated bad requests: no 5xx, none accepted, no crash, no state change, memory levels off (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const before = await snapshot(server.httpsUrl);
    const positionBefore = readLog(join(dir, 'data')).events.length;
    const heapBefore = (await memoryOf(server)).heapUsed;
    const rss: number[] = [rssOf(server.pid)];
    const statuses = new Map<number, number>();
    const wrong: string[] = [];
    const closedWithoutAnswer = { oversized: 0, other: 0 };
    let sent = 0;
    let longestMs = 0;
    const started = Date.now();

    const http = new HttpAgent({ keepAlive: true, maxSockets: LANES });
    const https = new HttpsAgent({ keepAlive: true, maxSockets: LANES, rejectUnauthorized: false });
    await drain(cases(badRequest, API_CASES, SEED), LANES, async (r) => {
      const n = sent++;
      // One in four over TLS: the same dispatcher behind both listeners, but both are exposed.
      const o = n % 4 === 0 ? await sendBad(server.httpsUrl, https, r) : await sendBad(server.httpUrl, http, r);
      if (o.status !== undefined) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      if (o.status === undefined) {
        // A body refused for its size is answered, then the rest of it is cut off: the client
        // may see the cut before the answer. Anything else must be answered.
        if (r.defect === 'oversized') closedWithoutAnswer.oversized++;
        else closedWithoutAnswer.other++, wrong.push(`${fc.stringify(r)} → ${o.error}`);
      } else if (o.status < 400 || o.status >= 500) wrong.push(`${fc.stringify(r)} → ${o.status}`);
      if (n % 10_000 === 9_999) rss.push(rssOf(server.pid));
    });
    http.destroy();
    https.destroy();

    const host = new URL(server.httpUrl).hostname;
    const ports = { http: Number(new URL(server.httpUrl).port), https: Number(new URL(server.httpsUrl).port) };
    await drain(cases(badWire, WIRE_CASES, SEED + 1_000_000), LANES, async (w) => {
      const n = sent++;
      const overTls = n % 10 === 0;
      const a = await rawExchange(host, overTls ? ports.https : ports.http, w.bytes, { tls: overTls, limitMs: 15_000 });
      longestMs = Math.max(longestMs, a.ms);
      for (const s of a.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
      const bad = a.statuses.filter((s) => s >= 500 || (s >= 200 && s < 400));
      if (a.hung || bad.length) wrong.push(`${w.why}${overTls ? ' over TLS' : ''} → ${a.hung ? 'hung' : bad.join(', ')}: ${JSON.stringify(Buffer.from(w.bytes).toString('latin1').slice(0, 200))}`);
      if (n % 10_000 === 9_999) rss.push(rssOf(server.pid));
    });
    rss.push(rssOf(server.pid));
    const seconds = (Date.now() - started) / 1000;
    const heapAfter = (await memoryOf(server)).heapUsed;

    const after = await snapshot(server.httpsUrl);
    const positionAfter = readLog(join(dir, 'data')).events.length;
    const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    console.log(
      `[reliability] fuzz: ${sent} bad requests (${API_CASES} API, ${WIRE_CASES} framing) in ${seconds.toFixed(1)} s, ${fivexx} 5xx, ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}, ${closedWithoutAnswer.oversized} oversized bodies cut off before their 413 was read, ` +
        `longest framing case ${longestMs} ms, log ${positionBefore} → ${positionAfter} events, server RSS ${rss.map((b) => (b / MB).toFixed(0)).join(' → ')} MB, heap in use after GC ${(heapBefore / MB).toFixed(1)} → ${(heapAfter / MB).toFixed(1)} MB; seed ${SEED}`,
    );

    expect(wrong.slice(0, 20), `${wrong.length} wrong answers`).toEqual([]);
    expect(fivexx).toBe(0);
    expect(sent).toBe(CASES);
    expect(server.child.exitCode, 'the server is still running').toBeNull();
    expect(after, 'what every documented GET shows is unchanged').toEqual(before);
    expect(positionAfter, 'the log did not move').toBe(positionBefore);
    // Memory levels off: the server holds on to nothing for the requests it refused, and its
    // resident size after the run is within a bound of what it was a tenth of the way in.
    expect(heapAfter - heapBefore, 'heap kept after the run').toBeLessThan(8 * MB);
    expect(rss.at(-1)! - rss[1]!, `server RSS ${rss.map((b) => (b / MB).toFixed(0)).join(' → ')} MB`).toBeLessThan(64 * MB);
    const health = await send(`${server.httpsUrl}/v1/cluster`);
    expect(health.status).toBe(200);
  });
});
