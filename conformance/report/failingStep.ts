import type { Failure } from '../suite.ts';

const cut = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The step a failure ended on, in one line: the last request of the shortest sequence the
 * specification predicted an answer for, what it predicted and what came; a check without
 * requests, the first line of its error.
 */
export function failingStep(f: Failure): string {
  const q = f.requests.filter((r) => r.expected !== undefined).at(-1);
  if (!q) return cut(f.error.split('\n')[0]!);
  return cut(`${q.step}: ${q.method} ${q.path}: expected ${q.expected}, actual ${q.actual ?? '(none)'}`, 300);
}
