import type { AnyStateMachine } from 'xstate';
import type { RecordedEvent } from '../domain/events.ts';
import { evolve } from '../domain/evolve/index.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import { entitiesOf, entityOfEvent, FINAL_VALUE, type Entity } from './entities.ts';

/** The part of `@statelyai/inspect`'s inspector the mirror uses. */
export interface InspectionSink {
  actor(ref: ActorLike, snapshot?: InspectedSnapshot): void;
  event(target: string, event: { type: string }, info?: { source?: string }): void;
  snapshot(actor: string, snapshot: InspectedSnapshot, info?: { event?: { type: string } }): void;
}

export interface InspectedSnapshot {
  readonly status: 'active' | 'done' | 'stopped';
  readonly value: unknown;
  readonly context?: unknown;
}

/**
 * What the inspector reads an actor's identity from: `sessionId`, `logic.config` (its machine,
 * which the inspector draws) and `_parent` (nesting under the cluster).
 */
export interface ActorLike {
  readonly sessionId: string;
  readonly id: string;
  readonly logic: { readonly config: unknown };
  readonly _parent?: ActorLike;
  send(): void;
}

/** Something that commits events: the mock cluster. */
export interface EventSource {
  readonly state: ClusterState;
  readonly store: { readonly position: number };
  onEvents(listener: (events: readonly RecordedEvent[], state: ClusterState) => void): () => void;
}

const sameValue = (a: Entity, b: Entity) => JSON.stringify(a.value) === JSON.stringify(b.value);
const snapshotOf = (e: Entity): InspectedSnapshot => ({ status: 'active', value: e.value, context: e.context });

/**
 * Mirrors a cluster's machines as inspector actors, one per entity, from its event log: each
 * committed event is folded (with the log's own reducer) and sent to the entity it is about,
 * followed by that entity's snapshot. Entities that appear are registered under the cluster;
 * entities that leave end in their machine's final state. A reset (the log starting over)
 * stops every actor and starts again from the new log.
 */
export function mirrorCluster(
  source: EventSource,
  sink: InspectionSink,
  /** Whether anything would receive what is sent; while not, events are skipped unfolded. */
  listening: () => boolean = () => true,
): { announce(): void; stop(): void; readonly skipped: number } {
  let state = source.state;
  let position = 0;
  let skipped = 0;
  const known = new Map<string, Entity>();
  const refs = new Map<string, ActorLike>();

  const ref = (e: Entity): ActorLike => {
    const parent = e.id === 'cluster' ? undefined : refs.get('cluster');
    const r: ActorLike = { sessionId: e.id, id: e.name, logic: { config: (e.machine as AnyStateMachine).config }, ...(parent ? { _parent: parent } : {}), send() {} };
    refs.set(e.id, r);
    return r;
  };
  const register = (e: Entity) => {
    known.set(e.id, e);
    sink.actor(ref(e), snapshotOf(e));
  };

  /** (Re-)registers every current machine: at start and whenever an inspector connects. */
  const announce = () => {
    if (skipped) state = source.state;
    skipped = 0;
    known.clear();
    for (const e of entitiesOf(state)) register(e);
  };

  const step = (event: RecordedEvent) => {
    state = evolve(state, event as never);
    const id = entityOfEvent(event);
    const now = new Map(entitiesOf(state).map((e) => [e.id, e]));
    const target = now.get(id) ?? known.get(id);
    if (target && !known.has(id)) register(target);
    const forwarded = { type: event.type, ...(event.data as object) };
    sink.event(id, forwarded, id === 'cluster' ? {} : { source: 'cluster' });
    for (const [eid, e] of now) {
      if (!known.has(eid)) register(e);
      else if (eid === id || !sameValue(known.get(eid)!, e)) {
        known.set(eid, e);
        sink.snapshot(eid, snapshotOf(e), { event: forwarded });
      }
    }
    for (const [eid, e] of known) {
      if (now.has(eid)) continue;
      known.delete(eid);
      const final = FINAL_VALUE[e.kind];
      sink.snapshot(eid, { status: final ? 'done' : 'stopped', value: final ?? e.value, context: e.context }, { event: forwarded });
    }
  };

  const unsubscribe = source.onEvents((events) => {
    if (!listening()) {
      // Nobody to tell: no folding, no snapshots. `announce` starts from the live state.
      skipped += events.length;
      position = events.at(-1)?.position ?? position;
      return;
    }
    if (skipped) {
      // The live state already holds this batch: register from it rather than fold it twice.
      announce();
      position = events.at(-1)?.position ?? position;
      return;
    }
    if (events.length && events[0]!.position <= position) {
      for (const [eid, e] of known) sink.snapshot(eid, { status: 'stopped', value: e.value }, { event: { type: 'ClusterReset' } });
      known.clear();
      state = initialState();
      announce();
    }
    for (const e of events) step(e);
    position = events.at(-1)?.position ?? position;
  });
  position = source.store.position;
  announce();
  return {
    announce,
    stop: unsubscribe,
    get skipped() {
      return skipped;
    },
  };
}
