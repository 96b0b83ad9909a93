import { EVENT_VERSIONS, type DomainEvent, type RecordedEvent } from '../../domain/events.ts';
import type { AppendResult, EventStore, Snapshot, SnapshotStore } from './eventStore.ts';

export class MemoryEventStore implements EventStore {
  readonly #events: RecordedEvent[] = [];

  get position(): number {
    return this.#events.length;
  }

  append(events: readonly DomainEvent[], time: number, expectedPosition?: number): AppendResult {
    if (expectedPosition !== undefined && expectedPosition !== this.position) {
      return { ok: false, expected: expectedPosition, actual: this.position };
    }
    const recorded = events.map((e, i) => ({
      position: this.position + i + 1,
      type: e.type,
      version: EVENT_VERSIONS[e.type],
      data: e.data,
      time,
    })) as RecordedEvent[];
    this.#events.push(...recorded);
    return { ok: true, recorded };
  }

  *read(from = 0, to = this.position): Iterable<RecordedEvent> {
    for (let i = Math.max(0, from); i < Math.min(to, this.#events.length); i++) yield this.#events[i]!;
  }
}

/**
 * Snapshots kept as JSON text, as a durable store would keep them, so that loading one costs
 * what it would cost for real and no snapshot shares objects with a live state.
 */
export class MemorySnapshotStore implements SnapshotStore {
  readonly #byPosition: { position: number; json: string }[] = [];

  save(snapshot: Snapshot): void {
    this.#byPosition.push({ position: snapshot.position, json: JSON.stringify(snapshot.state) });
    this.#byPosition.sort((a, b) => a.position - b.position);
  }

  latest(position = Number.POSITIVE_INFINITY): Snapshot | undefined {
    for (let i = this.#byPosition.length - 1; i >= 0; i--) {
      const s = this.#byPosition[i]!;
      if (s.position <= position) return { position: s.position, state: JSON.parse(s.json) };
    }
    return undefined;
  }
}
