import { decide, type Decision } from '../machines/decide.ts';
import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { ClusterState } from '../domain/state.ts';


/**
 * Decides several commands as one request: each against the state the previous ones left.
 * All are accepted, with their events in order, or the first rejection is returned and
 * nothing of the others counts (a PUT that sets two fields changes both or neither).
 */
export function decideAll(state: ClusterState, commands: readonly Command[]): Decision {
  const events: DomainEvent[] = [];
  let current = state;
  for (const command of commands) {
    const d = decide(current, command);
    if (!d.ok) return d;
    events.push(...d.events);
    current = d.state;
  }
  return { ok: true, events, state: current };
}
