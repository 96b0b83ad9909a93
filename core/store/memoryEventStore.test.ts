import { describe, expect, it } from 'vitest';
import { initialState } from '../state.ts';
import { MemoryEventStore, MemorySnapshotStore } from './memoryEventStore.ts';

const clock = { type: 'ClockAdvanced', data: { now: 1 } } as const;
const held = (port: number) => ({ type: 'ForeignPortHeld', data: { port } }) as const;

describe('the in-memory event store', () => {
  it('numbers events from 1, stamps version and time, and reads half-open ranges (from, to]', () => {
    const store = new MemoryEventStore();
    expect(store.position).toBe(0);
    const r = store.append([clock, held(1)], 42);
    expect(r).toEqual({
      ok: true,
      recorded: [
        { position: 1, type: 'ClockAdvanced', version: 1, data: { now: 1 }, time: 42 },
        { position: 2, type: 'ForeignPortHeld', version: 1, data: { port: 1 }, time: 42 },
      ],
    });
    store.append([held(2)], 43);
    expect([...store.read()].map((e) => e.position)).toEqual([1, 2, 3]);
    expect([...store.read(1, 2)].map((e) => e.position)).toEqual([2]);
    expect([...store.read(3)]).toEqual([]);
    expect([...store.read(-5, 99)]).toHaveLength(3);
  });

  it('refuses an append whose expected position is not the current one, and writes nothing', () => {
    const store = new MemoryEventStore();
    store.append([clock], 1, 0);
    expect(store.append([held(1)], 1, 0)).toEqual({ ok: false, expected: 0, actual: 1 });
    expect(store.position).toBe(1);
  });
});

describe('the in-memory snapshot store', () => {
  it('returns the newest snapshot at or before a position, as a copy', () => {
    const snapshots = new MemorySnapshotStore();
    const s = initialState();
    snapshots.save({ position: 10, state: s });
    snapshots.save({ position: 5, state: { ...s, clock: 5 } });
    expect(snapshots.latest(4)).toBeUndefined();
    expect(snapshots.latest(9)?.position).toBe(5);
    expect(snapshots.latest()?.position).toBe(10);
    expect(snapshots.latest()?.state).toEqual(s);
    expect(snapshots.latest()?.state).not.toBe(s);
  });
});
