import type { StateValue } from 'xstate';
import type { RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import { entitiesOf, entityOfEvent, type EntityKind } from '../../inspect/entities.ts';

/** What the page shows of one machine: which chart, and which of its states are current. */
export interface EntityView {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  /** The state value in words: `down`, `active-change-pending`; a parallel state's regions joined by ` + `. */
  readonly state: string;
  /** Ids of the current state nodes, leaf and ancestors: what the chart highlights. */
  readonly active: readonly string[];
}

export interface TimelineEntry {
  readonly position: number;
  readonly time: number;
  readonly type: string;
  /** The machine the event is about (an entity id). */
  readonly entity: string;
  readonly data: unknown;
}

/** State node ids of a value, leaf and ancestors: `{ a: { b: 'c' } }` → `m.a`, `m.a.b`, `m.a.b.c`. */
export function activeStateIds(machineId: string, value: StateValue): string[] {
  if (typeof value === 'string') return [`${machineId}.${value}`];
  return Object.entries(value).flatMap(([key, child]) => {
    const id = `${machineId}.${key}`;
    return [id, ...(child === undefined ? [] : activeStateIds(id, child as StateValue))];
  });
}

const leaves = (machineId: string, value: StateValue): string[] =>
  typeof value === 'string' ? [value] : Object.entries(value).flatMap(([k, v]) => leaves(machineId, v as StateValue).map((l) => `${k}.${l}`));

/** Every machine in the state, as the page draws it. */
export const entityViews = (state: ClusterState): EntityView[] =>
  entitiesOf(state).map((e) => ({
    id: e.id,
    name: e.name,
    kind: e.kind,
    state: leaves(e.machine.id, e.value).join(' + '),
    active: activeStateIds(e.machine.id, e.value),
  }));

export const timelineEntry = (e: RecordedEvent): TimelineEntry => ({ position: e.position, time: e.time, type: e.type, entity: entityOfEvent(e), data: e.data });
