import { describe, expect, it } from 'vitest';
import { Mismatch } from './mismatch.ts';
import { Comparison } from './comparison.ts';
import { compareUptime, UPTIME_SLACK_S, type UptimeRead } from './uptime.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2);
const at = (sentAt: number, clock = NOW) => ({ sentAt, answeredAt: sentAt + 20, clock });
const check = (uptime: unknown, now = at(NOW), last?: UptimeRead, status = 'active') => compareUptime(new Comparison('a step'), 'node 1', { uptime, status }, now, last);
const first = (uptime: number) => check(uptime)!;

describe("[NODE-LIFE-008] a node's uptime as any cluster's satisfies it", () => {
  it('takes whole non-negative seconds, and a real answer (412 s)', () => {
    expect(first(412)).toEqual({ uptime: 412, sentAt: NOW, clock: NOW });
    for (const bad of [-1, 1.5, '412', null, undefined]) expect(() => check(bad), String(bad)).toThrow(Mismatch);
  });

  it('refuses a time where a duration belongs: seconds counted from the epoch, or two times added', () => {
    expect(() => check(Math.floor(NOW / 1000))).toThrow(/a duration, not a time/);
    expect(() => check(Math.floor((NOW + (NOW - 30 * DAY)) / 1000))).toThrow(/a duration/);
    // A machine up for years is a duration still.
    expect(first(3 * 365 * 86_400)).toBeDefined();
  });

  it('bounds the growth between two reads by the wall time and the clock moves that passed', () => {
    const last = first(100);
    // Ten wall seconds and a clock moved 31 days.
    expect(check(100 + 10 + 31 * 86_400, at(NOW + 10_000, NOW + 10_000 + 31 * DAY), last)!.uptime).toBe(100 + 10 + 31 * 86_400);
    expect(check(100 + 10 + UPTIME_SLACK_S, at(NOW + 10_000), last)).toBeDefined();
    expect(() => check(100 + 12 + UPTIME_SLACK_S, at(NOW + 10_000), last)).toThrow(/grew 72 s/);
    // Counted in milliseconds: grows a thousand times faster than time.
    expect(() => check(100_000 + 10_000 * 1000, at(NOW + 10_000, NOW + 10_000), { uptime: 100_000, sentAt: NOW, clock: NOW })).toThrow(Mismatch);
  });

  it('lets it fall (the node restarted), and compares no growth across a read where the node was down', () => {
    const last = first(100_000);
    expect(check(5, at(NOW + 1000), last)!.uptime).toBe(5);
    expect(check(0, at(NOW + 1000), last, 'down')).toBeUndefined();
    expect(check(10 * 86_400, at(NOW + 2000), undefined)).toBeDefined();
  });
});
