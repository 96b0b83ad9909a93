import type { Comparison } from './comparison.ts';

/** What one read showed of a node's `uptime`, and when: the next read bounds its growth by it. */
export interface UptimeRead {
  readonly uptime: number;
  /** Wall time just before the read was sent (epoch ms). */
  readonly sentAt: number;
  /** The cluster clock the model had then (epoch ms): a clock move is time that passed. */
  readonly clock: number;
}

/**
 * How much more than the time that passed a node's uptime may grow between two reads: whole
 * seconds round up, and a cluster may answer a value its node agent sampled a little before.
 */
export const UPTIME_SLACK_S = 60;

export const UPTIME_REQS = ['NODE-LIFE-008'] as const;

/**
 * A node's `uptime` as the reference gives it, "system uptime (seconds)": what holds on any
 * cluster, whatever its machines. It is a whole number of seconds, at least 0; it is a duration,
 * not a time, so it is less than the seconds since the epoch of the cluster's clock (a value
 * counted from the epoch, or a sum of two times, is not); and while the node stays active it
 * grows by no more than the time that passed since the last read (wall time and the clock's
 * moves, with `UPTIME_SLACK_S`): it may grow less, or fall, when the node restarted. Compares
 * through `c`, and returns this read for the next one.
 */
export function compareUptime(
  c: Comparison,
  where: string,
  shown: { readonly uptime: unknown; readonly status: unknown },
  now: { readonly sentAt: number; readonly answeredAt: number; readonly clock: number; readonly rate?: number },
  last: UptimeRead | undefined,
): UptimeRead | undefined {
  const u = shown.uptime;
  const whole = typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;
  c.fact('GET /v1/nodes', `${where} uptime is whole seconds, at least 0`, true, whole ? true : u, UPTIME_REQS);
  const epochSeconds = Math.floor(Math.max(now.clock, now.answeredAt) / 1000);
  // Expected and actual are words where the bound holds: a fact's value that changes at every
  // read would count as a new check at every step (Comparison.fact).
  const duration = 'below the seconds since the epoch';
  c.fact('GET /v1/nodes', `${where} uptime is a duration, not a time`, duration, (u as number) < epochSeconds ? duration : `${u} (the clock reads ${epochSeconds})`, UPTIME_REQS);
  if (shown.status !== 'active') return undefined;
  const read: UptimeRead = { uptime: u as number, sentAt: now.sentAt, clock: now.clock };
  if (!last) return read;
  // The slack is real time too (a target's clock ticks, its answer takes a while): at the target's rate.
  const rate = now.rate ?? 1;
  const passed = Math.ceil(((now.answeredAt - last.sentAt) * rate + Math.max(0, now.clock - last.clock)) / 1000) + UPTIME_SLACK_S * rate;
  const grew = read.uptime - last.uptime;
  const bound = 'grew no more than the time that passed';
  c.fact('GET /v1/nodes', `${where} uptime`, bound, grew <= passed ? bound : `grew ${grew} s (${last.uptime} to ${read.uptime}) where ${passed} s passed at most`, UPTIME_REQS);
  return read;
}
