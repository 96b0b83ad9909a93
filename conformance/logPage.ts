/**
 * A query of `GET /v1/logs` as sent (API-LOG-001): `stime`/`etime` ISO 8601 times, `order`,
 * `limit`, `offset`. Absent means not sent.
 */
export interface LogQuery {
  readonly stime?: string;
  readonly etime?: string;
  readonly order?: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset?: number;
}

/** The query string of a query (with its `?`), or '' when it sends nothing. */
export function logQueryString(q: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * The page a query must answer, from the whole log read oldest first: the entries whose `time` is
 * within `stime`..`etime` (both inclusive), in `order` (`asc` unless asked), then `offset` entries
 * skipped, then at most `limit` (no `limit`: all the rest). Pure.
 */
export function logPage<T>(full: readonly T[], q: LogQuery): T[] {
  const from = q.stime === undefined ? -Infinity : Date.parse(q.stime);
  const to = q.etime === undefined ? Infinity : Date.parse(q.etime);
  const inRange = full.filter((e) => {
    const t = Date.parse(String((e as { time?: unknown })?.time));
    return t >= from && t <= to;
  });
  const ordered = q.order === 'desc' ? inRange.reverse() : inRange;
  const offset = q.offset ?? 0;
  return ordered.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
}

/** Where a generated time falls: on an entry's time, just before or after it, or outside the whole log. */
export type TimePick = { readonly entry: number; readonly shift: -1 | 0 | 1 } | 'before-all' | 'after-all';

/**
 * A time for a pick, read off the log itself so that it lands on (or just beside) the entries'
 * own times: "just" is a millisecond where the log's times carry them, else a second.
 */
export function pickTime(full: readonly { time?: unknown }[], pick: TimePick): string {
  const times = full.map((e) => String(e?.time)).filter((t) => !Number.isNaN(Date.parse(t)));
  if (pick === 'before-all') return '2000-01-01T00:00:00Z';
  if (pick === 'after-all') return '2999-01-01T00:00:00Z';
  if (!times.length) return '2000-01-01T00:00:00Z';
  const time = times[pick.entry % times.length]!;
  if (pick.shift === 0) return time;
  const unit = /\.\d+Z?$/.test(time) ? 1 : 1000;
  return new Date(Date.parse(time) + pick.shift * unit).toISOString();
}
