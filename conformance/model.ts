import { pendingCompletions } from '../core/pending.ts';
import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { RecheckBudget } from './recheckBudget.ts';
import { decideAll } from '../core/decide.ts';
import type { Decision } from '../machines/decide.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import type { AnyTransition } from '../machines/introspect.ts';
import { recordTransitions } from '../machines/taken.ts';
import { Coverage } from './coverage.ts';
import type { Profile } from './profile.ts';
import type { TracedRequest } from './reproducer.ts';

/**
 * What a run may create on a cluster it adopted (and how it names it): the run owns only what
 * carries its prefix, and stays within the operator's caps.
 */
export interface RunLimits {
  /** Prepended to the name of every database the run creates ('' on a cluster it resets). */
  readonly namePrefix: string;
  /** At most this many of the run's own databases at once. */
  readonly maxDatabases: number;
  /** `memory_size` of each database the run creates, bytes. */
  readonly databaseMemory: number;
}

export const RESET_LIMITS: RunLimits = { namePrefix: '', maxDatabases: Number.POSITIVE_INFINITY, databaseMemory: 104_857_600 };

export interface Prediction {
  readonly decision: Decision;
  /** The machine transitions that decided it: exercised on the target once it answers alike. */
  readonly taken: readonly AnyTransition[];
}

/**
 * The suite's model of the target: the cluster state as the machines predict it, folded from
 * the same commands the suite sends. Identifiers the target chooses itself (database uids) are
 * mapped, because a conforming cluster may number them differently.
 */
export class Model {
  state: ClusterState = initialState();
  /** Model database uid → the target's uid for it. */
  readonly databases = new Map<string, string>();
  /** The same for databases since deleted: the log still names them after they are gone. */
  private readonly deleted = new Map<string, string>();
  /** Model node uid → the target's uid for it (a cluster the suite adopted numbers its own). */
  readonly nodes = new Map<string, string>();
  /** Databases that were there before the run (model uids): the operator's, never picked. */
  readonly adopted = new Set<string>();
  limits: RunLimits = RESET_LIMITS;
  /** An explicit port the commands name → the port asked for on this target (the same, unless adopted). */
  readonly ports = new Map<number, number>();
  /** How strictly the target's answers are compared (conformance/profile.ts). */
  profile: Profile = 'model';
  /**
   * Seconds of the target's time per second of the suite's: 1 for any real cluster. A test's
   * accelerated clock says otherwise; it bounds how far a node's uptime may grow between reads.
   */
  clockRate = 1;
  /** Host id → the base URL of that host's own API (its bootstrap), as the target named it. */
  readonly bootstrapUrls = new Map<string, string>();

  /**
   * The ports the suite reaches the target on (`Target.ports`); empty: through no socket
   * (in-process), the only target whose API ports a command may move. Undefined when unknown.
   */
  suitePorts: ReadonlySet<number> | undefined = undefined;

  /**
   * Whether the target holds its asynchronous work (control protocol `hold-work`): steps then
   * leave it under way, and the model finishes none of it, until the suite releases it.
   */
  workHeld = false;

  /** How many entries the target's log held after the last step (-1: it has no readable log). */
  logLength = -1;

  /** What the target showed at a sequence's last look, by what reads it (a check's recheck keeps its own here). */
  readonly shown = new Map<string, unknown>();

  /** The costly rechecks this sequence has begun, and the run's budget for them (none: every sequence may). */
  readonly rechecking = new Set<string>();
  recheckBudget: RecheckBudget | undefined;

  /** The events of the completions the last `settle` folded in. */
  settledEvents: readonly DomainEvent[] = [];

  /** Every request this run sent that could change the target, for a reproducer. */
  readonly trace: TracedRequest[] = [];

  /**
   * @param capabilities the control-protocol capabilities the target offers: commands that need
   *   others are not run.
   * @param coverage where the transitions the target was seen to take are counted (shared by
   *   the runs of a suite).
   */
  constructor(
    readonly capabilities: ReadonlySet<string> = new Set(),
    readonly coverage: Coverage = new Coverage(),
  ) {}

  /** A model of the same target in another state, counting its coverage apart (for exploring). */
  fork(state: ClusterState): Model {
    const m = new Model(this.capabilities);
    m.state = state;
    for (const [k, v] of this.bootstrapUrls) m.bootstrapUrls.set(k, v);
    for (const [k, v] of this.nodes) m.nodes.set(k, v);
    for (const [k, v] of this.databases) m.databases.set(k, v);
    for (const [k, v] of this.deleted) m.deleted.set(k, v);
    for (const uid of this.adopted) m.adopted.add(uid);
    m.limits = this.limits;
    for (const [k, v] of this.ports) m.ports.set(k, v);
    m.profile = this.profile;
    m.clockRate = this.clockRate;
    m.suitePorts = this.suitePorts;
    return m;
  }

  /** What the machines say `commands` should do now; nothing changes until `accept`. */
  predict(commands: readonly Command[]): Prediction {
    const { result, taken } = recordTransitions(() => decideAll(this.state, commands));
    return { decision: result, taken };
  }

  accept(decision: Extract<Decision, { ok: true }>): void {
    this.state = decision.state;
  }

  /**
   * The cluster finishing every pending create, change, delete and removal: called once the
   * target shows no pending work, so the transitions count as exercised. Returns them.
   */
  settle(): readonly AnyTransition[] {
    const settledBy: AnyTransition[] = [];
    const events: DomainEvent[] = [];
    const completions = pendingCompletions(this.state);
    for (const c of completions) {
      const { decision, taken } = this.predict([c]);
      if (decision.ok) {
        this.state = decision.state;
        this.coverage.add(taken);
        settledBy.push(...taken);
        events.push(...decision.events);
      }
    }
    for (const [uid, target] of [...this.databases]) {
      if (this.state.databases[uid]) continue;
      this.deleted.set(uid, target);
      this.databases.delete(uid);
    }
    this.settledEvents = events;
    return settledBy;
  }

  /** The model's state in one line, as a reproducer prints it after each step. */
  summary(): string {
    const s = this.state;
    const nodes = Object.values(s.nodes).map((n) => `${this.targetNode(n.uid)} ${n.status} ${n.addr}${n.externalAddrs.length ? ` ext ${n.externalAddrs.join(',')}` : ''}`);
    const dbs = Object.values(s.databases).map((d) => `${this.targetDb(d.uid)} ${d.status}${d.dataInternodeEncryption ? ' encrypted' : ''} :${d.port}`);
    const alerts = Object.values(s.certificates).filter((c) => c.status !== 'valid').map((c) => `${c.nodeUid}/${c.plane} ${c.status}`);
    return [
      `nodes ${nodes.join('; ')}`,
      `bdbs ${dbs.join('; ') || 'none'}`,
      `policy ${s.policy.dataInternodeEncryption ? 'encrypted' : 'plaintext'}`,
      `cm_port ${s.config.cmPort}`,
      `http_support ${s.config.httpSupport}`,
      ...(alerts.length ? [`certificates ${alerts.join('; ')}`] : []),
    ].join(' | ');
  }

  targetDb(uid: string): string {
    return this.databases.get(uid) ?? this.deleted.get(uid) ?? uid;
  }

  /** The port to ask for where a command names `nominal` (a malformed value as it is). */
  port(nominal: unknown): unknown {
    return typeof nominal === 'number' ? (this.ports.get(nominal) ?? nominal) : nominal;
  }

  targetNode(uid: string): string {
    return this.nodes.get(uid) ?? uid;
  }

  /** The entities a command may pick: every node; of the databases, the run's own. */
  pickable(kind: 'nodes' | 'databases'): string[] {
    const uids = Object.keys(this.state[kind]);
    return kind === 'databases' ? uids.filter((uid) => !this.adopted.has(uid)) : uids;
  }

  /** How many databases of the run's own exist now. */
  ownDatabases(): number {
    return this.pickable('databases').length;
  }
}
