/**
 * What every `EventStore` and `SnapshotStore` must do, as tests that each store's own test file
 * runs against a fresh store (the shared-contract style of emmett's store tests). A store that
 * passes can stand in for any other under `ClusterAggregate` and `stateAt`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import { clusterCommands, given } from '../../machines/testing/fixtures.ts';
import type { EventStore, SnapshotStore } from './eventStore.ts';

export interface StoresUnderTest {
  readonly events: EventStore;
  readonly snapshots: SnapshotStore;
  /** Closes these stores and opens new ones over the same storage. Only durable stores have it. */
  readonly reopen?: () => StoresUnderTest;
  /** Releases the storage. Called after every test, so calling it twice must do nothing. */
  readonly close?: () => void;
}

const clock = (now: number): DomainEvent => ({ type: 'ClockAdvanced', data: { now } });
const held = (port: number): DomainEvent => ({ type: 'ForeignPortHeld', data: { port } });
const positions = (store: EventStore, from?: number, to?: number) => [...store.read(from, to)].map((e) => e.position);
/** A running cluster's state, unfrozen (immer freezes what it produces) so a test can change it. */
const state = (): ClusterState => structuredClone(given(clusterCommands(2)));

export function eventStoreContract(name: string, open: () => StoresUnderTest): void {
  describe(`${name}: the store contract`, () => {
    let opened: StoresUnderTest[] = [];
    const track = (s: StoresUnderTest) => (opened.push(s), s);
    const fresh = () => track(open());
    afterEach(() => {
      // Forget them first: a close that throws must not leave them to fail every later test.
      const closing = opened;
      opened = [];
      for (const s of closing) s.close?.();
    });

    describe('events', () => {
      it('starts empty: position 0 and nothing to read', () => {
        const { events } = fresh();
        expect(events.position).toBe(0);
        expect([...events.read()]).toEqual([]);
      });

      it('numbers events from 1 and stamps each with its schema version and the append time', () => {
        const { events } = fresh();
        const first = events.append([clock(1), held(1)], 42);
        expect(first).toEqual({
          ok: true,
          recorded: [
            { position: 1, type: 'ClockAdvanced', version: 1, data: { now: 1 }, time: 42 },
            { position: 2, type: 'ForeignPortHeld', version: 1, data: { port: 1 }, time: 42 },
          ],
        });
        const second = events.append([held(2)], 43);
        expect(second).toEqual({ ok: true, recorded: [{ position: 3, type: 'ForeignPortHeld', version: 1, data: { port: 2 }, time: 43 }] });
        expect(events.position).toBe(3);
        expect([...events.read()]).toEqual([...(first.ok ? first.recorded : []), ...(second.ok ? second.recorded : [])]);
      });

      it('reads the half-open range (from, to], clamping bounds outside the log', () => {
        const { events } = fresh();
        events.append([clock(1), held(1), held(2)], 1);
        expect(positions(events)).toEqual([1, 2, 3]);
        expect(positions(events, 1, 2)).toEqual([2]);
        expect(positions(events, 0, 3)).toEqual([1, 2, 3]);
        expect(positions(events, 2)).toEqual([3]);
        expect(positions(events, 3)).toEqual([]);
        expect(positions(events, 2, 2)).toEqual([]);
        expect(positions(events, 3, 1)).toEqual([]);
        expect(positions(events, -5, 99)).toEqual([1, 2, 3]);
      });

      it('gives back event data as it was appended: nested objects, arrays and any text', () => {
        const { events } = fresh();
        const appended: DomainEvent[] = [
          { type: 'HostAdded', data: { hostId: 'h1', boundAddrs: ['10.0.0.1', '2001:db8::1'] } },
          { type: 'ClusterCreated', data: { name: 'clüster "one"\n\u{1F600}', family: 'ipv6', caSerial: 7 } },
          { type: 'ClusterConfigured', data: { changes: { cmPort: 8443, httpSupport: false } } },
          { type: 'AlertSettingsChanged', data: { clusterCertsAboutToExpire: { enabled: true, thresholdDays: 45 } } },
          { type: 'HostAddressesChanged', data: { hostId: 'h1', boundAddrs: [] } },
        ];
        events.append(appended, Date.UTC(2026, 0, 1));
        expect([...events.read()].map(({ type, data }) => ({ type, data }))).toEqual(appended);
      });

      it('appends when the expected position is the current one', () => {
        const { events } = fresh();
        expect(events.append([clock(1)], 1, 0).ok).toBe(true);
        expect(events.append([held(1), held(2)], 2, 1).ok).toBe(true);
        expect(events.position).toBe(3);
      });

      it('refuses an append whose expected position is not the current one, and writes nothing', () => {
        const { events } = fresh();
        events.append([clock(1)], 1, 0);
        expect(events.append([held(1), held(2)], 2, 0)).toEqual({ ok: false, expected: 0, actual: 1 });
        expect(events.append([held(1)], 2, 5)).toEqual({ ok: false, expected: 5, actual: 1 });
        expect(events.position).toBe(1);
        expect(positions(events)).toEqual([1]);
      });

      it('accepts an append of no events without moving, and still checks its expected position', () => {
        const { events } = fresh();
        expect(events.append([], 1)).toEqual({ ok: true, recorded: [] });
        expect(events.append([], 1, 0)).toEqual({ ok: true, recorded: [] });
        expect(events.append([], 1, 3)).toEqual({ ok: false, expected: 3, actual: 0 });
        expect(events.position).toBe(0);
        expect(events.append([clock(1)], 1)).toMatchObject({ ok: true, recorded: [{ position: 1 }] });
      });

      it('can be appended to while a read is being consumed; the read ends where the log ended when it was asked for', () => {
        const { events } = fresh();
        events.append([clock(1), held(1), held(2)], 1);
        const seen: number[] = [];
        for (const e of events.read()) {
          seen.push(e.position);
          if (e.position === 1) expect(events.append([held(3)], 2).ok).toBe(true);
        }
        expect(seen).toEqual([1, 2, 3]);
        expect(events.position).toBe(4);
      });

      it('serves several reads of the same log interleaved', () => {
        const { events } = fresh();
        events.append([clock(1), held(1), held(2)], 1);
        const a = events.read()[Symbol.iterator]();
        const b = events.read(1)[Symbol.iterator]();
        expect([a.next().value?.position, b.next().value?.position, a.next().value?.position, b.next().value?.position]).toEqual([1, 2, 2, 3]);
        expect([a.next().value?.position, b.next().done, a.next().done]).toEqual([3, true, true]);
      });
    });

    describe('snapshots', () => {
      it('has none until one is saved', () => {
        const { snapshots } = fresh();
        expect(snapshots.latest()).toBeUndefined();
        expect(snapshots.latest(100)).toBeUndefined();
      });

      it('returns the newest snapshot at or before a position, whatever the order of saving', () => {
        const { snapshots } = fresh();
        const s = state();
        snapshots.save({ position: 10, state: s });
        snapshots.save({ position: 5, state: { ...s, clock: 5 } });
        expect(snapshots.latest(4)).toBeUndefined();
        expect(snapshots.latest(5)).toEqual({ position: 5, state: { ...s, clock: 5 } });
        expect(snapshots.latest(9)?.position).toBe(5);
        expect(snapshots.latest(10)?.position).toBe(10);
        expect(snapshots.latest(1000)?.position).toBe(10);
        expect(snapshots.latest()).toEqual({ position: 10, state: s });
      });

      it('keeps copies: changing a saved or a returned state changes nothing stored', () => {
        const { snapshots } = fresh();
        const s = state() as { -readonly [K in keyof ClusterState]: ClusterState[K] };
        const original = structuredClone(s);
        snapshots.save({ position: 1, state: s });
        s.name = 'changed after saving';
        const returned = snapshots.latest()!.state as { name: string };
        expect(returned).toEqual(original);
        returned.name = 'changed after loading';
        expect(snapshots.latest()!.state).toEqual(original);
        expect(snapshots.latest()!.state).not.toBe(snapshots.latest()!.state);
      });

      it('replaces a snapshot saved again at the same position', () => {
        const { snapshots } = fresh();
        const s = state();
        snapshots.save({ position: 3, state: s });
        snapshots.save({ position: 3, state: { ...s, clock: 99 } });
        expect(snapshots.latest()?.state.clock).toBe(99);
      });
    });

    describe('closing and reopening (durable stores)', () => {
      it('keeps every event, the numbering and the expected-position check', (ctx) => {
        const first = fresh();
        if (!first.reopen) return ctx.skip('not a durable store');
        first.events.append([clock(1), held(1)], 10);
        first.events.append([held(2)], 11);
        const before = [...first.events.read()];
        const again = track(first.reopen());
        expect(again.events.position).toBe(3);
        expect([...again.events.read()]).toEqual(before);
        expect(again.events.append([held(3)], 12, 2)).toEqual({ ok: false, expected: 2, actual: 3 });
        expect(again.events.append([held(3)], 12, 3)).toMatchObject({ ok: true, recorded: [{ position: 4, time: 12 }] });
      });

      it('keeps every snapshot', (ctx) => {
        const first = fresh();
        if (!first.reopen) return ctx.skip('not a durable store');
        const s = state();
        first.snapshots.save({ position: 2, state: s });
        first.snapshots.save({ position: 7, state: { ...s, clock: 7 } });
        const again = track(first.reopen());
        expect(again.snapshots.latest(6)).toEqual({ position: 2, state: s });
        expect(again.snapshots.latest()).toEqual({ position: 7, state: { ...s, clock: 7 } });
      });
    });
  });
}
