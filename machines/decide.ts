import { clusterMachine, clusterSnapshot } from './cluster.machine.ts';
import { outcomeOf } from './outcome.ts';
import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import { reject, type Rejection } from '../domain/rejections.ts';
import type { ClusterState } from '../domain/state.ts';

export type Decision =
  | { readonly ok: true; readonly events: readonly DomainEvent[]; readonly state: ClusterState }
  | { readonly ok: false; readonly rejection: Rejection };

const COMMAND_TYPES = new Set(Object.keys(clusterMachine.root.states.running!.on));

/**
 * Decides a command against a state: the events it causes (possibly none), or a rejection.
 * Pure and deterministic: time and identifiers come from the state and the command. The
 * machines decide; `state` in the result is the fold of `events` the machines computed with
 * the same reducer the log replays with.
 */
export function decide(state: ClusterState, command: Command): Decision {
  const shape = command as { type?: unknown; data?: unknown } | null;
  if (typeof shape !== 'object' || shape === null || typeof shape.type !== 'string' || !COMMAND_TYPES.has(shape.type)) {
    return { ok: false, rejection: reject.invalidParameter(`unknown command ${JSON.stringify(shape?.type ?? shape)}`) };
  }
  if (typeof shape.data !== 'object' || shape.data === null) {
    return { ok: false, rejection: reject.invalidParameter(`${shape.type} needs a data object`) };
  }
  const o = outcomeOf(clusterMachine, clusterSnapshot(state), command);
  switch (o.kind) {
    case 'rejected':
      return { ok: false, rejection: o.rejection };
    case 'unhandled':
      return { ok: false, rejection: reject.invalidState(command.type, 'the cluster', state.status) };
    case 'accepted':
      return { ok: true, events: o.events, state: o.snapshot.context };
  }
}

