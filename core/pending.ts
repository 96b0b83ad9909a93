import type { Command } from '../domain/commands.ts';
import type { RecordedEvent } from '../domain/events.ts';
import type { ClusterState } from '../domain/state.ts';

/**
 * The cluster's own work still to do in a state, as the commands that finish it: every
 * database being created, changed or deleted, and every node being removed. The one rule for
 * "pending work → completion", used by the mock (what to schedule, and what to resume after a
 * restart) and by the suite's model (what the target finishes on its own). With `touched`, only
 * the entities those events name.
 */
export function pendingCompletions(state: ClusterState, touched?: readonly RecordedEvent[]): Command[] {
  // After a change, only the entities its events name can have started work: the rest was
  // scheduled before (a write must not cost a pass over every database).
  const databases = touched ? uidsOf(touched, 'Database').map((uid) => state.databases[uid]) : Object.values(state.databases);
  const nodes = touched ? uidsOf(touched, 'Node').map((uid) => state.nodes[uid]) : Object.values(state.nodes);
  return [
    ...databases.filter((d) => d !== undefined && d.status !== 'active').map((d): Command => ({ type: 'CompleteDatabaseAction', data: { uid: d!.uid } })),
    ...nodes.filter((n) => n !== undefined && n.status === 'decommissioning').map((n): Command => ({ type: 'CompleteNodeRemoval', data: { uid: n!.uid } })),
  ];
}

/** The uids of the entities of one kind that events name, by the event's type (`DatabaseUpdated`, `NodeRemovalStarted`). */
const uidsOf = (events: readonly RecordedEvent[], kind: 'Database' | 'Node'): string[] => [
  ...new Set(events.filter((e) => e.type.startsWith(kind)).map((e) => (e.data as { uid?: unknown }).uid).filter((uid): uid is string => typeof uid === 'string')),
];

/** A command's identity, to tell work already scheduled from new work. */
export const completionKey = (c: Command): string => `${c.type}:${(c.data as { uid: string }).uid}`;
