/**
 * The runtime of the TypeScript reproducer: `typescriptReproducer` copies this file verbatim
 * into every reproducer it writes, so it imports nothing but Node's built-ins and never uses
 * top-level await (tsx runs a `.ts` file outside an ES-module package as CommonJS). The one
 * exception, api/trust.ts, imports nothing either: it is copied in ahead of this file.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { untrustedCertificate } from '../api/trust.ts';

export interface ReplayStep {
  /** Relative to API or CONTROL; `url`: `path` is a whole URL (a host's own API elsewhere). */
  readonly via: 'api' | 'control' | 'url';
  readonly method: string;
  readonly path: string;
  /** The body exactly as the suite sent it (JSON text). */
  readonly body?: string;
  readonly step: string;
  /** What the specification expects: `accepted (2xx)`, `<status> <error_code>`, or the facts of a state read (JSON). */
  readonly expected?: string;
  /** What the target answered when the failure was found. */
  readonly actual?: string;
  /** Sent together with the next steps of the same batch (concurrent clients), `after` ms from its start. */
  readonly concurrent?: string;
  readonly after?: number;
}

export interface ReplayEnv {
  readonly API: string;
  readonly CONTROL: string;
  /** `user:password` for HTTP Basic. */
  readonly AUTH: string;
  /** Accept any certificate (a lab cluster's self-signed one). */
  readonly INSECURE: boolean;
}

export interface Reply {
  readonly status: number;
  readonly text: string;
}

/** How a reproducer's reader makes it trust a certificate: the variables it reads. */
const TRUST_FIX_ENV = "NODE_EXTRA_CA_CERTS=FILE (the cluster's CA or proxy certificate) or INSECURE=1";

const PENDING = ['pending', 'active-change-pending', 'delete-pending', 'decommissioning'];

function send(env: ReplayEnv, url: string, method: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Basic ${Buffer.from(env.AUTH).toString('base64')}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const secure = url.startsWith('https:');
    // NODE_EXTRA_CA_CERTS is honoured by node:https itself; INSECURE=1 turns verification off.
    const options = { method, headers, timeout: 30_000, ...(secure ? { rejectUnauthorized: !env.INSECURE } : {}) };
    const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within 30 s`)));
    req.on('error', (e) => {
      const untrusted = untrustedCertificate(e, `${method} ${url}`, TRUST_FIX_ENV);
      reject(Object.assign(new Error(untrusted ?? `${method} ${url}: ${e.message}`), { untrusted: untrusted !== undefined }));
    });
    req.end(body);
  });
}

const parse = (text: string): any => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** An answer in the words the suite records it: the status, with the error_code of a refusal. */
export function describeAnswer(r: Reply): string {
  return r.status < 300 ? `${r.status}` : `${r.status} ${parse(r.text)?.error_code ?? ''}`.trim();
}

/**
 * Whether `actual` holds the facts of `expected`: every field of an object, every element of a
 * list in any order, a single entry anywhere in a list, a count as a list's length.
 */
export function contains(actual: any, expected: any): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    const left = [...actual];
    return expected.every((e) => {
      const i = left.findIndex((a) => contains(a, e));
      return i >= 0 && left.splice(i, 1).length === 1;
    });
  }
  if (Array.isArray(actual)) return typeof expected === 'number' ? actual.length === expected : actual.some((a) => contains(a, expected));
  if (expected !== null && typeof expected === 'object') {
    return actual !== null && typeof actual === 'object' && Object.keys(expected).every((k) => contains(actual[k], expected[k]));
  }
  return actual === expected;
}

/** Whether an answer is the one the specification expects. */
export function meets(expected: string, r: Reply): boolean {
  if (expected === 'accepted (2xx)') return r.status >= 200 && r.status < 300;
  const refusal = /^(\d{3}) (\S+)$/.exec(expected);
  if (refusal) return r.status === Number(refusal[1]) && parse(r.text)?.error_code === refusal[2];
  const facts = parse(expected);
  return r.status === 200 && facts !== undefined && contains(parse(r.text), facts);
}

/** Waits (bounded) for the target's asynchronous work, as the suite does between steps. */
async function settle(env: ReplayEnv): Promise<void> {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const lists = await Promise.all(['/v1/bdbs', '/v1/nodes'].map(async (p) => parse((await send(env, `${env.API}${p}`, 'GET')).text)));
    if (!lists.every(Array.isArray) || !lists.flat().some((e: any) => PENDING.includes(e?.status))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Sends every step in order and prints it with the answer expected, the one recorded when the
 * failure was found and the one given now. 0: the last step now gets the answer the
 * specification expects; 1: it still does not; 2: the target could not be reached.
 */
export async function replay(steps: readonly ReplayStep[], env: ReplayEnv, print: (line: string) => void = console.log): Promise<number> {
  let last: Reply | undefined;
  try {
    for (let i = 0; i < steps.length; ) {
      // A batch of concurrent clients is sent together, each request after its own delay.
      const batch = steps[i]!.concurrent === undefined ? [steps[i]!] : steps.slice(i).filter((s, j, rest) => rest.slice(0, j + 1).every((r) => r.concurrent === steps[i]!.concurrent));
      const urls = batch.map((s) => `${{ control: env.CONTROL, api: env.API, url: '' }[s.via]}${s.path}`);
      const delay = (ms = 0) => new Promise((r) => setTimeout(r, ms));
      const replies = await Promise.all(batch.map(async (s, j) => delay(s.after).then(() => send(env, urls[j]!, s.method, s.body))));
      batch.forEach((s, j) => {
        print(`[${i + j + 1}/${steps.length}] ${s.step}`);
        print(`      ${s.method} ${urls[j]}${s.body === undefined ? '' : ` ${s.body}`}`);
        if (s.expected !== undefined) print(`      expected: ${s.expected}`);
        if (s.actual !== undefined) print(`      recorded: ${s.actual}`);
        print(`      now:      ${describeAnswer(replies[j]!)}`);
      });
      last = replies.at(-1);
      if (batch.some((s) => s.via === 'api' && s.method !== 'GET')) await settle(env);
      i += batch.length;
    }
  } catch (e) {
    print((e as { untrusted?: boolean }).untrusted ? (e as Error).message : `The target cannot be reached: ${(e as Error).message}`);
    return 2;
  }
  const final = steps.at(-1);
  if (!final?.expected || !last) {
    print('The last step records no expected answer: nothing to judge.');
    return 2;
  }
  if (meets(final.expected, last)) {
    print(`PASS: the last step now gets what the specification expects (${final.expected}).`);
    return 0;
  }
  print(`FAIL: the last step still differs from the specification: expected ${final.expected}, now ${describeAnswer(last)}`);
  if (last.text) print(`      answer body: ${last.text.slice(0, 500)}`);
  return 1;
}
