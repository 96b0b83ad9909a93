import type { AnyStateMachine } from 'xstate';
import { certificateMachine } from '../machines/certificate.machine.ts';
import { allTransitions, describeTransition, type AnyTransition } from '../machines/introspect.ts';
import { EXPLORATION } from './arbitraries.ts';
import { AdvanceClock } from './commands/advanceClock.ts';
import type { StepCommand } from './commands/command.ts';
import { SetCertificateAlert } from './commands/setCertificateAlert.ts';
import { candidates, type Candidate, type Recall } from './explore.ts';
import type { Model } from './model.ts';

/** A transition into a state, and one out of it: the second shows what the first left stored. */
export interface TransitionPair {
  readonly into: AnyTransition;
  readonly out: AnyTransition;
}

export const describePair = (p: TransitionPair): string => `${describeTransition(p.into)} then ${describeTransition(p.out)}`;

/**
 * Every pair a machine defines: each transition that enters a state (a re-entry too), with each
 * transition out of that state (an acknowledgement that stays there too). A target whose stored
 * state is wrong after the first answers the second as another state would (issue 17).
 */
export function machinePairs(machine: AnyStateMachine): TransitionPair[] {
  const all = allTransitions(machine);
  return all.flatMap((into) => (into.target ?? []).flatMap((state: AnyTransition['source']) => all.filter((out) => out.source === state).map((out) => ({ into, out }))));
}

/**
 * Moves of the certificates' clock, alert threshold and nodes, and rotations: EXPLORATION's group
 * for the certificates, one command per outcome the certificate machine distinguishes. Their day
 * counts and thresholds never put a certificate exactly at a threshold or at expiry
 * (spec/semantics.md, "The cluster clock"). Thresholds drawn from the days left would make a
 * configuration of every day count: the traversal would not end.
 */
export const CERTIFICATE_ALPHABET: readonly StepCommand[] = [...EXPLORATION.at(-1)!, new AdvanceClock(8), new SetCertificateAlert('89')];

/**
 * The pairs a sequence takes, as `into`/`out` indices of `pairs`: a transition of the machine at
 * one step, and one out of the state it entered at the next step that takes any transition of
 * that machine. Steps see every certificate at once, so a pair may join two certificates'
 * transitions; replaying the seeds (transitionPairs.test.ts) shows which pairs they do take.
 */
export function pairsTaken(steps: readonly (readonly AnyTransition[])[], pairs: readonly TransitionPair[]): Set<number> {
  const own = new Set(pairs.flatMap((p) => [p.into, p.out]));
  const moves = steps.map((s) => s.filter((t) => own.has(t))).filter((s) => s.length > 0);
  const taken = new Set<number>();
  for (let k = 0; k + 1 < moves.length; k++) {
    const [now, next] = [new Set(moves[k]), new Set(moves[k + 1])];
    pairs.forEach((p, i) => {
      if (now.has(p.into) && next.has(p.out)) taken.add(i);
    });
  }
  return taken;
}

/** A seed of the pairs: its commands, and the pairs it is the shortest way to. */
export interface PairSeed {
  readonly commands: readonly StepCommand[];
  readonly pairs: readonly TransitionPair[];
}

/**
 * Sequences that, between them, take every pair of `machine` (default: the certificate machine)
 * the alphabet reaches from `start`: the graph exploration's candidates (shortest paths through
 * the alphabet's configurations, each extended by one command), and for each pair not yet taken,
 * the shortest candidate that takes it. Each sequence ends on the pair's second transition, read
 * after it by the step's observations (certificates per plane, alerts, the log's certificate entries).
 */
export function pairSeeds(start: Model, options: { alphabet?: readonly StepCommand[]; machine?: AnyStateMachine; limit?: number } = {}): PairSeed[] {
  const pairs = machinePairs(options.machine ?? certificateMachine);
  const own = new Map(allTransitions(options.machine ?? certificateMachine).map((t, i) => [t, i]));
  // The traversal remembers the last step's transitions of the machine: a configuration reached
  // by another last transition is another state, so every pair the alphabet can take is on a path.
  const recall: Recall = (memory, taken) => {
    const mine = [...new Set(taken.flatMap((t) => (own.has(t) ? [own.get(t)!] : [])))].sort((a, b) => a - b);
    return mine.length ? mine.join(',') : memory;
  };
  let found: Candidate[];
  try {
    found = candidates(start, options.alphabet ?? CERTIFICATE_ALPHABET, options.limit ?? 20_000, recall);
  } catch (e) {
    // As graphSeeds: a traversal grown past its limit costs the seeds, not the run.
    process.emitWarning(`transition pairs skipped: ${(e as Error).message}`);
    return [];
  }
  const ranked = found.map((c) => ({ commands: c.commands, taken: pairsTaken(c.steps, pairs) }));
  // Greedy set cover: each time, the candidate that takes the most pairs not yet taken per
  // command (the shorter of two alike), until no candidate takes a new one.
  const covered = new Set<number>();
  const seeds: PairSeed[] = [];
  for (;;) {
    const gain = (c: (typeof ranked)[number]) => [...c.taken].filter((i) => !covered.has(i)).length;
    let best: (typeof ranked)[number] | undefined;
    for (const c of ranked) {
      const g = gain(c);
      if (g === 0) continue;
      if (!best || g / c.commands.length > gain(best) / best.commands.length || (g / c.commands.length === gain(best) / best.commands.length && c.commands.length < best.commands.length)) best = c;
    }
    if (!best) break;
    seeds.push({ commands: best.commands, pairs: [...best.taken].filter((j) => !covered.has(j)).map((j) => pairs[j]!) });
    for (const j of best.taken) covered.add(j);
  }
  return seeds;
}
