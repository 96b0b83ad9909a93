import type { Answer, Target } from '../../api/target.ts';

/** One request as a target saw it: when it was sent and when its answer (or failure) came. */
export interface Timed {
  readonly what: string;
  readonly start: number;
  end?: number;
}

/**
 * A slow target for tests: `POST /reset` takes `resetMs`, other answers up to `jitterMs` (by a
 * seeded sequence, so a run is repeatable), and every request is recorded with its times.
 */
export function slowTarget(inner: Target, { resetMs = 1000, jitterMs = 15, seed = 1 } = {}): Target & { readonly timeline: Timed[] } {
  const timeline: Timed[] = [];
  let state = seed;
  // A small linear congruential sequence: the delays repeat with the seed.
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * jitterMs;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const timed =
    (via: string, call: ((m: string, p: string, b?: unknown) => Promise<Answer>) | undefined) =>
    async (method: string, path: string, body?: unknown): Promise<Answer> => {
      const entry: Timed = { what: `${via} ${method} ${path}`, start: performance.now() };
      timeline.push(entry);
      try {
        const delay = via === 'control' && method === 'POST' && path === '/reset' ? resetMs : next();
        // Half the delay before the target sees the request, half after it answered.
        await sleep(delay / 2);
        const answer = await call!(method, path, body);
        await sleep(delay / 2);
        return answer;
      } finally {
        entry.end = performance.now();
      }
    };
  return {
    description: `${inner.description}, slowed`,
    timeline,
    api: timed('api', inner.api.bind(inner)),
    ...(inner.control ? { control: timed('control', inner.control.bind(inner)) } : {}),
    ...(inner.host ? { host: (base: string, method: string, path: string, body?: unknown) => timed('host', (m, p, b) => inner.host!(base, m, p, b))(method, path, body) } : {}),
    close: () => inner.close(),
  };
}

/**
 * Where the timeline breaks the rule that a sequence starts only after the previous one's
 * requests have all settled: a reset sent while another request was in flight, or a request
 * sent while a reset was.
 */
export function overlapsAtResets(timeline: readonly Timed[]): string[] {
  const problems: string[] = [];
  const resets = timeline.filter((t) => t.what === 'control POST /reset');
  for (const r of resets) {
    for (const t of timeline) {
      if (t === r) continue;
      const end = t.end ?? Number.POSITIVE_INFINITY;
      const rEnd = r.end ?? Number.POSITIVE_INFINITY;
      if (t.start < r.start && end > r.start) problems.push(`${t.what} still in flight when a reset was sent`);
      if (t.start >= r.start && t.start < rEnd) problems.push(`${t.what} sent while a reset was in flight`);
    }
  }
  return problems;
}
