/**
 * One server's side of a throughput comparison: what its measured runs recorded, and the
 * figures drawn from them.
 */
import { median, fmtInt } from '../format.ts';
import { KINDS, type Kind } from './load.ts';

export interface Side {
  readonly name: string;
  readonly url: string;
  readonly ca?: string;
  offset: number;
  /** Per measured run: wall time, rate, event loop utilisation, and the main thread's CPU time where the system tells it. */
  readonly runs: { ms: number; rate: number; elu: number; cpuUs?: number }[];
  readonly latencies: Float64Array[];
  readonly kinds: Uint8Array[];
  readonly statuses: Record<string, Record<string, number>>;
  readonly errors: string[];
  bytes: number;
}

export const side = (name: string, url: string, ca?: string): Side => ({ name, url, ...(ca ? { ca } : {}), offset: 0, runs: [], latencies: [], kinds: [], statuses: {}, errors: [], bytes: 0 });

export interface SideFigures {
  rate: number;
  /**
   * Server thread CPU per request: the thread's CPU time / requests where the system tells it
   * (`threadCpu.ts`), else its busy time (event loop utilisation x wall time / requests), which
   * on a busy machine also counts the time the thread waited for a core.
   */
  cpuUs: number;
  cpuSource: 'thread CPU time' | 'event loop busy time';
  p50: number;
  p99: number;
  elu: number;
  byKind: Map<Kind, { p50: number; p99: number; n: number }>;
}

/** The p-quantile (0..1) of a sorted array, nearest rank. */
const quantile = (sorted: Float64Array | readonly number[], p: number): number => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

/** The figures of a side whose measured runs each sent `requests` requests. */
export function figures(s: Side, requests: number): SideFigures {
  const all = new Float64Array(s.latencies.reduce((a, l) => a + l.length, 0));
  let at = 0;
  for (const l of s.latencies) {
    all.set(l, at);
    at += l.length;
  }
  const byKind = new Map<Kind, { p50: number; p99: number; n: number }>();
  KINDS.forEach((kind, k) => {
    const xs: number[] = [];
    s.latencies.forEach((l, run) => l.forEach((ms, i) => s.kinds[run]![i] === k && xs.push(ms)));
    xs.sort((a, b) => a - b);
    byKind.set(kind, { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), n: xs.length });
  });
  all.sort();
  const measured = s.runs.every((r) => r.cpuUs !== undefined);
  const cpuUs = median(s.runs.map((r) => (measured ? r.cpuUs! / requests : ((r.elu * r.ms) / requests) * 1000)));
  return { rate: median(s.runs.map((r) => r.rate)), cpuUs, cpuSource: measured ? 'thread CPU time' : 'event loop busy time', p50: quantile(all, 0.5), p99: quantile(all, 0.99), elu: s.runs.reduce((a, r) => a + r.elu, 0) / s.runs.length, byKind };
}

/** `200 x1,234, 409 x5`: statuses in order, a transport error as `error`. */
export const statusText = (byStatus: Record<string, number> | undefined): string =>
  Object.entries(byStatus ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([st, n]) => `${st === '0' ? 'error' : st} x${fmtInt(n)}`)
    .join(', ');
