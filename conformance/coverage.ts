import type { AnyStateMachine } from 'xstate';
import { certificateMachine } from '../machines/certificate.machine.ts';
import { clusterMachine } from '../machines/cluster.machine.ts';
import { databaseMachine } from '../machines/database.machine.ts';
import { allStateNodes, allTransitions, describeTransition, type AnyTransition } from '../machines/introspect.ts';
import { nodeMachine } from '../machines/node.machine.ts';

export const MACHINES: readonly AnyStateMachine[] = [clusterMachine, nodeMachine, databaseMachine, certificateMachine];

/**
 * Transitions no run over the API can be expected to take, and why. Everything else must be
 * taken by a default run against a conforming target (a test holds the suite to it).
 */
export const OUT_OF_REACH: readonly { readonly transitions: RegExp; readonly why: string }[] = [
  { transitions: /^cluster\.uninitialized --/, why: 'a target is reset to a running cluster by the control protocol; creating one is not part of the modelled API' },
  { transitions: /^cluster\.running --CreateCluster-->/, why: 'no request creates a second cluster on a running one' },
  { transitions: /^cluster\.running --(AddHost|SetHostAddresses \[host|HoldPort \[holdPortInvalid|ReleasePort \[releasePortInvalid|AdvanceClock \[clock)/, why: "input checks of the control protocol itself (spec/control.md), not of the API under test" },
  { transitions: /^cluster\.running --JoinNode \[joinerHost(Unknown|IsNode)\]/, why: "a host's bootstrap API answers for itself (unknown host: 404, already a node: 409) before any join is decided" },
  { transitions: /^cluster\.running --Complete(NodeRemoval|DatabaseAction) \[(nodeMissing|databaseMissing)\]/, why: "the cluster's own completion of its work, never a client's request" },
  { transitions: /^cluster\.running --CreateDatabase \[dbRangeFull\]/, why: 'needs all 10,000 ports of the endpoint range in use' },
  { transitions: /^cluster\.running --CreateDatabase \[dbSettingsInvalid\]/, why: 'the suite sends no database field the model has no rule for (stored as sent: spec/objects.md)' },
  { transitions: /^cluster\.running --RotateCertificates \[rotatePlaneInvalid\]/, why: 'the API refuses an unknown certificate name before the machines see it (403 unsupported_rotation)' },
];

/** Why a transition is out of reach, if it is. */
export const outOfReach = (description: string): string | undefined => OUT_OF_REACH.find((o) => o.transitions.test(description))?.why;

export interface MachineCoverage {
  readonly machine: string;
  readonly states: { readonly reached: number; readonly total: number; readonly missing: readonly string[] };
  readonly transitions: {
    readonly taken: number;
    readonly total: number;
    /** Not taken, though a run could have: what to look at. */
    readonly missing: readonly string[];
    /** Not taken, and no run over the API is expected to (OUT_OF_REACH). */
    readonly outOfReach: readonly string[];
  };
}

/**
 * The machine states and transitions a run exercised on the target: a transition counts once the
 * target answered a step that took it as the machines predicted (a refusal is a transition too).
 * A state counts when a counted transition left or entered it.
 */
export class Coverage {
  private readonly taken = new Set<AnyTransition>();
  /** Requirement → how many steps exercised it (conformance/step.ts says when a step does). */
  private readonly steps = new Map<string, number>();

  /** @param parent counts everything this one counts too (an area's coverage, the suite's). */
  constructor(private readonly parent?: Coverage) {}

  add(transitions: Iterable<AnyTransition>): void {
    const all = [...transitions];
    for (const t of all) this.taken.add(t);
    this.parent?.add(all);
  }

  /** One step (or one passed check) exercised these requirements: each counts once. */
  exercise(reqs: Iterable<string>): void {
    const once = new Set(reqs);
    for (const id of once) this.steps.set(id, (this.steps.get(id) ?? 0) + 1);
    this.parent?.exercise(once);
  }

  /** How many steps exercised each of `reqs` (0: not exercised). */
  exercised(reqs: Iterable<string>): Record<string, number> {
    return Object.fromEntries([...new Set(reqs)].sort().map((id) => [id, this.steps.get(id) ?? 0]));
  }

  /** Every requirement exercised at least once. */
  get requirements(): string[] {
    return [...this.steps.keys()].sort();
  }

  /**
   * The transitions taken, as each machine's positions in `allTransitions`: plain data, the same in
   * every thread running the same machines (a worker sends it; `addTaken` counts it in another).
   */
  takenIds(): Record<string, number[]> {
    return Object.fromEntries(MACHINES.map((m) => [m.id, allTransitions(m).flatMap((t, i) => (this.taken.has(t) ? [i] : []))]));
  }

  addTaken(ids: Readonly<Record<string, readonly number[]>>): void {
    for (const m of MACHINES) {
      const all = allTransitions(m);
      this.add((ids[m.id] ?? []).map((i) => all[i]!));
    }
  }

  has(t: AnyTransition): boolean {
    return this.taken.has(t);
  }

  get size(): number {
    return this.taken.size;
  }

  report(): MachineCoverage[] {
    return MACHINES.map((m) => {
      const transitions = allTransitions(m);
      const reached = new Set<string>();
      for (const t of transitions.filter((t) => this.taken.has(t))) {
        reached.add(t.source.id);
        for (const s of t.target ?? []) reached.add(s.id);
      }
      // A state is reached with its ancestors (a compound state is active while a child is).
      for (const id of [...reached]) for (let i = id.lastIndexOf('.'); i > 0; i = id.lastIndexOf('.', i - 1)) reached.add(id.slice(0, i));
      // A state no reachable transition enters or leaves is out of reach with them.
      const reachable = new Set<string>();
      for (const t of transitions.filter((t) => !outOfReach(describeTransition(t)))) {
        reachable.add(t.source.id);
        for (const s of t.target ?? []) reachable.add(s.id);
      }
      for (const id of [...reachable]) for (let i = id.lastIndexOf('.'); i > 0; i = id.lastIndexOf('.', i - 1)) reachable.add(id.slice(0, i));
      const states = allStateNodes(m).map((n) => n.id).filter((id) => reachable.has(id) || reached.has(id));
      const untaken = transitions.filter((t) => !this.taken.has(t)).map(describeTransition);
      return {
        machine: m.id,
        states: { reached: states.filter((s) => reached.has(s)).length, total: states.length, missing: states.filter((s) => !reached.has(s)) },
        transitions: {
          taken: transitions.filter((t) => this.taken.has(t)).length,
          total: transitions.length,
          missing: untaken.filter((d) => !outOfReach(d)),
          outOfReach: untaken.filter((d) => outOfReach(d)),
        },
      };
    });
  }
}
