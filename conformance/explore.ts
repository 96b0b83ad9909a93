import { fromTransition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { ClusterState } from '../domain/state.ts';
import { allTransitions, type AnyTransition } from '../machines/introspect.ts';
import type { StepCommand } from './commands/command.ts';
import { MACHINES } from './coverage.ts';
import { Model } from './model.ts';

const DAY = 86_400_000;

/**
 * What the cluster's configuration looks like to the exploration: the statuses and settings the
 * machines branch on, without what only grows (the clock, serials, uids, event counts). Two
 * states alike here are one state of the graph, so the traversal ends.
 */
function shape(s: ClusterState): string {
  const nodes = Object.values(s.nodes).map((n) => `${n.status}${(s.hosts[n.hostId]?.boundAddrs ?? []).includes(n.addr) ? '' : '!'}`).sort();
  const dbs = Object.values(s.databases).map((d) => `${d.status}${d.dataInternodeEncryption ? '+' : '-'}${d.portAutoAssigned ? '' : d.port}`).sort();
  // Days left matter to the alert threshold: in 15-day buckets, so the clock does not grow the graph.
  const certs = [...new Set(Object.values(s.certificates).map((c) => `${c.status}${Math.max(-1, Math.floor((c.notAfter - s.clock) / (15 * DAY)))}`))].sort();
  const c = s.config;
  const hosts = Object.values(s.hosts).map((h) => `${h.nodeUid === null ? 'spare' : 'node'}:${h.boundAddrs.join(',')}`);
  return JSON.stringify([nodes, hosts, dbs, certs, s.foreignPorts, c.cmPort, c.httpSupport, s.policy.dataInternodeEncryption, s.alerts.nodeInternalCertsAboutToExpire]);
}

/** Where the traversal stops going deeper: what lies beyond adds no transition, only length. */
const farEnough = (s: ClusterState) => Object.keys(s.databases).length > 2 || Object.values(s.nodes).filter((n) => n.status !== 'active').length > 1 || Object.keys(s.nodes).length > 4;

/** One command sequence of the exploration, and the transitions it is the shortest way to. */
export interface Seed {
  readonly commands: readonly StepCommand[];
  readonly reaches: readonly AnyTransition[];
}

/** A command sequence the traversal found, the transitions it takes, and which each of its commands took. */
export interface Candidate {
  readonly commands: readonly StepCommand[];
  readonly taken: ReadonlySet<AnyTransition>;
  /** Per command, in order: the transitions it (and the work it left, settled) took. */
  readonly steps: readonly (readonly AnyTransition[])[];
}

/**
 * What a traversal remembers beside the configuration: from what it remembered and the
 * transitions a step took, what it remembers after (transitionPairs.ts: the last step's
 * transitions of one machine). Two configurations alike but remembering differently are two
 * states of the graph.
 */
export type Recall = (memory: string, taken: readonly AnyTransition[]) => string;

interface Walk {
  readonly state: ClusterState;
  readonly memory: string;
}

/**
 * Every shortest path `xstate/graph` finds through one alphabet's configurations (on the model,
 * as the target would be driven), and every such path extended by one more command, with the
 * transitions each takes.
 */
export function candidates(start: Model, alphabet: readonly StepCommand[], limit: number, recall?: Recall): Candidate[] {
  const edges = new Map<string, readonly AnyTransition[]>();
  const key = (w: Walk) => (recall ? `${shape(w.state)}@${w.memory}` : shape(w.state));
  const step = (w: Walk, i: number): Walk => {
    const model = start.fork(w.state);
    const command = alphabet[i]!;
    if (!command.check(model)) return w;
    const { decision, taken } = model.predict(command.step(model).commands);
    if (decision.ok) model.accept(decision);
    const all = [...taken, ...model.settle()];
    edges.set(`${key(w)}#${i}`, all);
    return { state: model.state, memory: recall ? recall(w.memory, all) : '' };
  };
  const logic = fromTransition((w: Walk, event: { type: 'command'; i: number }) => step(w, event.i), { state: start.state, memory: '' });
  const paths = getShortestPaths(logic, {
    events: alphabet.map((_, i) => ({ type: 'command' as const, i })),
    serializeState: (snapshot) => key(snapshot.context),
    serializeEvent: (event) => String((event as { i?: number }).i ?? event.type),
    stopWhen: (snapshot) => farEnough(snapshot.context.state),
    limit,
  });
  const out: Candidate[] = [];
  for (const path of paths) {
    const indices: number[] = [];
    const steps: (readonly AnyTransition[])[] = [];
    let walk: Walk = { state: start.state, memory: '' };
    for (const s of path.steps) {
      const i = (s.event as { i?: number }).i;
      if (i === undefined) continue;
      steps.push(edges.get(`${key(walk)}#${i}`) ?? []);
      indices.push(i);
      walk = s.state.context;
    }
    const commands = indices.map((i) => alphabet[i]!);
    out.push({ commands, taken: new Set(steps.flat()), steps });
    for (let i = 0; i < alphabet.length; i++) {
      const last = edges.get(`${key(path.state.context)}#${i}`);
      if (last) out.push({ commands: [...commands, alphabet[i]!], taken: new Set([...steps.flat(), ...last]), steps: [...steps, last] });
    }
  }
  return out;
}

/**
 * Sequences that, between them, take every machine transition the alphabets can reach from
 * `start`, each by a shortest path. Each alphabet is explored on its own (the product of all of
 * them is too large to traverse, and a machine's guards read its own part of the state): for
 * every transition not yet taken, the shortest candidate taking it is kept. A run replays these
 * first, then explores at random.
 */
export function graphSeeds(start: Model, alphabets: readonly (readonly StepCommand[])[], options: { limit?: number } = {}): Seed[] {
  const all = alphabets
    .flatMap((a) => {
      try {
        return candidates(start, a, options.limit ?? 20_000);
      } catch (e) {
        // A group grown past the traversal limit loses its seeds, not the run: random
        // exploration still covers it, and the coverage report shows what was missed.
        process.emitWarning(`graph exploration of ${a.length} commands skipped: ${(e as Error).message}`);
        return [];
      }
    })
    .sort((a, b) => a.commands.length - b.commands.length);
  const covered = new Set<AnyTransition>();
  const seeds: Seed[] = [];
  for (const t of MACHINES.flatMap(allTransitions)) {
    if (covered.has(t)) continue;
    const best = all.find((c) => c.taken.has(t));
    if (!best) continue;
    seeds.push({ commands: best.commands, reaches: [...best.taken].filter((x) => !covered.has(x)) });
    for (const x of best.taken) covered.add(x);
  }
  return seeds;
}
