import type { Command } from '../core/commands.ts';
import { decideAll, type Decision } from '../core/decide.ts';
import { initialState, type ClusterState } from '../core/state.ts';
import type { TracedRequest } from './reproducer.ts';

/**
 * The suite's model of the target: the cluster state as the machines predict it, folded from
 * the same commands the suite sends. Identifiers the target chooses itself (database uids) are
 * mapped, because a conforming cluster may number them differently.
 */
export class Model {
  state: ClusterState = initialState();
  /** Model database uid → the target's uid for it. */
  readonly databases = new Map<string, string>();

  /** Every request this run sent that could change the target, for a reproducer. */
  readonly trace: TracedRequest[] = [];

  /** The control-protocol capabilities the target offers: commands that need others are not run. */
  constructor(readonly capabilities: ReadonlySet<string> = new Set()) {}

  /** What the machines say `commands` should do now; nothing changes until `accept`. */
  predict(commands: readonly Command[]): Decision {
    return decideAll(this.state, commands);
  }

  accept(decision: Extract<Decision, { ok: true }>): void {
    this.state = decision.state;
  }

  /** The cluster finishing every pending create, change, delete and removal. */
  settle(): void {
    const completions: Command[] = [
      ...Object.values(this.state.databases)
        .filter((d) => d.status !== 'active')
        .map((d): Command => ({ type: 'CompleteDatabaseAction', data: { uid: d.uid } })),
      ...Object.values(this.state.nodes)
        .filter((n) => n.status === 'decommissioning')
        .map((n): Command => ({ type: 'CompleteNodeRemoval', data: { uid: n.uid } })),
    ];
    for (const c of completions) {
      const d = decideAll(this.state, [c]);
      if (d.ok) this.state = d.state;
    }
    for (const uid of [...this.databases.keys()]) if (!this.state.databases[uid]) this.databases.delete(uid);
  }

  targetDb(uid: string): string {
    return this.databases.get(uid) ?? uid;
  }
}
