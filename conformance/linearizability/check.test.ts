import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizable } from './check.ts';
import { UNSEEN, unseen, type Operation, type SequentialModel } from './history.ts';

type RegisterInput = { readonly kind: 'write'; readonly value: number; readonly key?: string } | { readonly kind: 'read'; readonly key?: string };

/** A register (one per key when partitioned): a write answers nothing, a read its value. */
const register = (partitioned = false): SequentialModel<Record<string, number>, RegisterInput, number | undefined> => ({
  init: {},
  step: (s, input, output) => {
    const key = input.key ?? '';
    if (input.kind === 'write') return output === UNSEEN ? [s, { ...s, [key]: input.value }] : [{ ...s, [key]: input.value }];
    return output === UNSEEN || (s[key] ?? 0) === output ? [s] : [];
  },
  key: (s) => JSON.stringify(Object.entries(s).sort()),
  ...(partitioned ? { partition: (input: RegisterInput) => input.key ?? '' } : {}),
});

let ids = 0;
const op = (client: number, call: number, ret: number, input: RegisterInput, output?: number): Operation<RegisterInput, number | undefined> => ({ id: ids++, client, call, ret, input, output });
const write = (client: number, call: number, ret: number, value: number, key?: string) => op(client, call, ret, { kind: 'write', value, ...(key ? { key } : {}) });
const read = (client: number, call: number, ret: number, value: number, key?: string) => op(client, call, ret, { kind: 'read', ...(key ? { key } : {}) }, value);

describe('the linearizability checker (Wing & Gong with memoisation)', () => {
  it('accepts a read overlapping a write that sees either value, with a witness order', () => {
    for (const seen of [0, 1]) {
      const h = [write(0, 0, 10, 1), read(1, 5, 15, seen)];
      const v = checkLinearizable(register(), h);
      expect(v.outcome).toBe('linearizable');
      if (v.outcome === 'linearizable') expect(v.order).toEqual(seen === 1 ? [h[0]!.id, h[1]!.id] : [h[1]!.id, h[0]!.id]);
    }
  });

  it('refuses a read that returns the old value after the write completed (the textbook stale read)', () => {
    const h = [write(0, 0, 5, 1), read(1, 6, 10, 0)];
    const v = checkLinearizable(register(), h);
    expect(v.outcome).toBe('not-linearizable');
  });

  it('lets two overlapping writes take effect in either order, and nothing else', () => {
    for (const [seen, outcome] of [[1, 'linearizable'], [2, 'linearizable'], [3, 'not-linearizable'], [0, 'not-linearizable']] as const) {
      const h = [write(0, 0, 10, 1), write(1, 2, 8, 2), read(2, 11, 12, seen)];
      expect(checkLinearizable(register(), h).outcome, `read ${seen}`).toBe(outcome);
    }
  });

  it('refuses reads that see the writes in opposite orders (no single order explains both)', () => {
    const h = [write(0, 0, 10, 1), write(1, 0, 10, 2), read(2, 11, 12, 1), read(3, 13, 14, 2), read(2, 15, 16, 1)];
    expect(checkLinearizable(register(), h).outcome).toBe('not-linearizable');
  });

  it('reduces a failure to a minimal sub-history: the unrelated operations go', () => {
    const noise = [read(0, 0, 1, 0), write(1, 0, 3, 5), read(2, 2, 4, 5), write(0, 5, 6, 0), read(1, 6, 7, 0)];
    // The stale read: 0 after the write of 1 completed.
    const cause = [write(1, 8, 9, 1), read(2, 10, 11, 0)];
    const more = [read(0, 12, 13, 1), write(1, 14, 15, 2)];
    const v = checkLinearizable(register(), [...noise, ...cause, ...more]);
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome !== 'not-linearizable') return;
    // 1-minimal: it fails, and with any one of its answers set aside it holds.
    expect(v.minimal).toEqual(cause);
    expect(v.context).toHaveLength(noise.length + more.length);
    const setAside = (keep: readonly Operation<RegisterInput, number | undefined>[]) => [...noise, ...cause, ...more].map((o) => (keep.includes(o) ? o : unseen(o)));
    expect(checkLinearizable(register(), setAside(v.minimal)).outcome).toBe('not-linearizable');
    for (const o of v.minimal) expect(checkLinearizable(register(), setAside(v.minimal.filter((m) => m !== o))).outcome).toBe('linearizable');
  });

  it('blames a read of a value nobody wrote on that read alone, the writes set aside as context', () => {
    const h = [write(0, 0, 10, 1), write(1, 0, 10, 2), read(2, 11, 12, 3)];
    const v = checkLinearizable(register(), h);
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome === 'not-linearizable') expect([v.minimal, v.context]).toEqual([[h[2]], [h[0], h[1]]]);
  });

  it('answers unknown when the budget is spent, and never hangs', () => {
    // Eight overlapping writes and a read of a value none wrote: every order must be tried.
    const h = [...Array.from({ length: 8 }, (_, i) => write(i, 0, 100, i + 1)), read(8, 101, 102, 99)];
    const v = checkLinearizable(register(), h, { maxSteps: 50 });
    expect(v.outcome).toBe('unknown');
    expect(v.steps).toBeLessThanOrEqual(50);
    // With budget enough, the memo makes the same history quick to refute.
    expect(checkLinearizable(register(), h).outcome).toBe('not-linearizable');
  });

  it('checks independent keys apart (P-compositionality) and names the part that fails', () => {
    const h = [write(0, 0, 10, 1, 'a'), write(1, 0, 10, 2, 'b'), read(2, 11, 12, 1, 'a'), read(2, 13, 14, 0, 'b')];
    const v = checkLinearizable(register(true), h);
    expect(v.outcome).toBe('not-linearizable');
    if (v.outcome === 'not-linearizable') expect(v.part).toBe('b');
    const ok = checkLinearizable(register(true), [h[0]!, h[1]!, h[2]!, read(2, 13, 14, 2, 'b')]);
    expect(ok.outcome).toBe('linearizable');
    if (ok.outcome === 'linearizable') expect(ok.states).toEqual([{ a: 1, b: 2 }]);
  });

  it('searches a model that leaves a choice as one over the sets of states it may be in', () => {
    // A counter the server may or may not have bumped on its own before each request.
    const counter: SequentialModel<number, 'read', number> = { init: 0, step: (s, _i, out) => [s, s + 1].filter((n) => n === out), key: String };
    const h = (values: number[]) => values.map((v, i) => ({ id: i, client: 0, call: i * 2, ret: i * 2 + 1, input: 'read' as const, output: v }));
    expect(checkLinearizable(counter, h([0, 1, 1, 2])).outcome).toBe('linearizable');
    expect(checkLinearizable(counter, h([0, 2])).outcome).toBe('not-linearizable');
  });

  it('finds every history an atomic register produces linearizable, with a witness that respects real time', () => {
    // Each operation takes effect at one instant inside its interval: the definition itself.
    const opArb = fc.record({ client: fc.nat(3), start: fc.nat(50), length: fc.nat(20), at: fc.double({ min: 0, max: 1, noNaN: true }), write: fc.boolean(), value: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 14 }), (drawn) => {
        const ops = drawn.map((d, id) => ({ ...d, id, call: d.start, ret: d.start + d.length, point: d.start + d.at * d.length }));
        let value = 0;
        const history = [...ops].sort((a, b) => a.point - b.point).map((o) => {
          const output = o.write ? undefined : value;
          if (o.write) value = o.value;
          return { id: o.id, client: o.client, call: o.call, ret: o.ret, input: o.write ? ({ kind: 'write', value: o.value } as const) : ({ kind: 'read' } as const), output };
        });
        const v = checkLinearizable(register(), history);
        expect(v.outcome).toBe('linearizable');
        if (v.outcome !== 'linearizable') return;
        const position = new Map(v.order.map((id, i) => [id, i]));
        expect(position.size).toBe(history.length);
        for (const a of history) for (const b of history) if (a.ret < b.call) expect(position.get(a.id)!).toBeLessThan(position.get(b.id)!);
      }),
      { numRuns: 200 },
    );
  });
});
