import type { Command } from '../domain/commands.ts';
import type { ClusterState } from '../domain/state.ts';

/**
 * The cluster's own work still to do in a state, as the commands that finish it: every
 * database being created, changed or deleted, and every node being removed. The one rule for
 * "pending work → completion", used by the mock (what to schedule, and what to resume after a
 * restart) and by the suite's model (what the target finishes on its own).
 */
export function pendingCompletions(state: ClusterState): Command[] {
  return [
    ...Object.values(state.databases)
      .filter((d) => d.status !== 'active')
      .map((d): Command => ({ type: 'CompleteDatabaseAction', data: { uid: d.uid } })),
    ...Object.values(state.nodes)
      .filter((n) => n.status === 'decommissioning')
      .map((n): Command => ({ type: 'CompleteNodeRemoval', data: { uid: n.uid } })),
  ];
}

/** A command's identity, to tell work already scheduled from new work. */
export const completionKey = (c: Command): string => `${c.type}:${(c.data as { uid: string }).uid}`;
