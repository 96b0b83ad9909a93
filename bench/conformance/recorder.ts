/**
 * A Target that passes every call to another one and writes down what went over it: the
 * request (so that it can be sent again without the suite), its answer's status, and when it
 * started and ended. Requests the suite sends together (the two reads of its polling, through
 * Promise.all) start while an earlier one is still out: they share a batch, and are replayed
 * together.
 */
import { performance } from 'node:perf_hooks';
import type { Answer, Target } from '../../api/target.ts';

export type Via = 'api' | 'control' | 'host';

export interface Recorded {
  readonly via: Via;
  readonly base?: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly batch: number;
  status: number;
  readonly start: number;
  end: number;
}

export interface Recording {
  readonly target: Target;
  readonly requests: Recorded[];
}

export function recording(inner: Target): Recording {
  const requests: Recorded[] = [];
  let inFlight = 0;
  let batch = -1;
  const record = async (via: Via, send: () => Promise<Answer>, method: string, path: string, body?: unknown, base?: string): Promise<Answer> => {
    if (inFlight === 0) batch++;
    inFlight++;
    const r: Recorded = { via, ...(base !== undefined ? { base } : {}), method, path, ...(body !== undefined ? { body } : {}), batch, status: 0, start: performance.now(), end: 0 };
    requests.push(r);
    try {
      const answer = await send();
      r.status = answer.status;
      return answer;
    } finally {
      r.end = performance.now();
      inFlight--;
    }
  };
  const target: Target = {
    description: inner.description,
    api: (method, path, body) => record('api', () => inner.api(method, path, body), method, path, body),
    ...(inner.control ? { control: (method: string, path: string, body?: unknown) => record('control', () => inner.control!(method, path, body), method, path, body) } : {}),
    ...(inner.host ? { host: (base: string, method: string, path: string, body?: unknown) => record('host', () => inner.host!(base, method, path, body), method, path, body, base) } : {}),
    close: () => inner.close(),
  };
  return { target, requests };
}

const isPoll = (rs: readonly Recorded[]) => rs.length === 2 && rs.every((r) => r.via === 'api' && r.method === 'GET') && rs[0]!.path === '/v1/bdbs' && rs[1]!.path === '/v1/nodes';

export interface Tally {
  /** Steps of command sequences that ran (see `tally`). */
  readonly commands: number;
  readonly requests: number;
  readonly byVia: Readonly<Record<Via, number>>;
  readonly writes: number;
  readonly reads: number;
  /** Starts from the starting topology (`POST /control/v1/reset`). */
  readonly resets: number;
  /** Observations after a step (each ends with `GET /v1/cluster/policy`): a second count of the commands. */
  readonly observed: number;
  /** Polls repeated because the target was still busy (each after one of the suite's pauses, 1 ms doubling up to 25 ms). */
  readonly repeatedPolls: number;
  /** Time with at least one request out, and the time between (the suite's own work and pauses). */
  readonly wireMs: number;
  readonly gapMs: number;
  /** The part of `gapMs` just before a repeated poll: the suite's pauses while the target is busy. */
  readonly pauseMs: number;
}

/**
 * Counts a recording. Every step of a command sequence sends exactly one request that is not a
 * GET (conformance/commands/*: POST, PUT or DELETE, through the API, the control protocol or a
 * host), and every start from the topology sends two (control POST /reset, POST /clock); all
 * the rest are the suite's reads (polling until the target is idle, then the observation). So
 * commands = writes - 2 x resets, with no change to the suite. Every step and every start ends
 * with an observation whose last read is `GET /v1/cluster/policy`: in a run that passes, those
 * reads less the starts count the commands again.
 */
export function tally(requests: readonly Recorded[]): Tally {
  const byVia: Record<Via, number> = { api: 0, control: 0, host: 0 };
  for (const r of requests) byVia[r.via]++;
  const writes = requests.filter((r) => r.method !== 'GET').length;
  const resets = requests.filter((r) => r.via === 'control' && r.method === 'POST' && r.path === '/reset').length;
  const policyReads = requests.filter((r) => r.via === 'api' && r.method === 'GET' && r.path === '/v1/cluster/policy').length;
  const batches = groupBatches(requests);
  let wireMs = 0;
  let gapMs = 0;
  let pauseMs = 0;
  let repeatedPolls = 0;
  batches.forEach((b, i) => {
    wireMs += Math.max(...b.map((r) => r.end)) - b[0]!.start;
    if (i === 0) return;
    const prev = batches[i - 1]!;
    const gap = b[0]!.start - Math.max(...prev.map((r) => r.end));
    gapMs += gap;
    if (isPoll(b) && isPoll(prev)) {
      repeatedPolls++;
      pauseMs += gap;
    }
  });
  return { commands: writes - 2 * resets, requests: requests.length, byVia, writes, reads: requests.length - writes, resets, observed: policyReads - resets, repeatedPolls, wireMs, gapMs, pauseMs };
}

export const groupBatches = (requests: readonly Recorded[]): Recorded[][] => {
  const batches: Recorded[][] = [];
  for (const r of requests) (batches[r.batch] ??= []).push(r);
  return batches.filter(Boolean);
};
