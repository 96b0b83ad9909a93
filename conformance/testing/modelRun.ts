import fc from 'fast-check';
import { topologyCommands } from '../../core/topology.ts';
import type { Area } from '../arbitraries.ts';
import { StepCommand, type SuiteCommand } from '../commands/command.ts';
import { HeldCommand } from '../commands/whileHeld.ts';
import { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';

/** Every capability the built-in mock offers in-process. */
export const ALL_CAPABILITIES = ['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports', 'hold-work', 'still-clock'] as const;

/** The model of the suite's starting topology (3 nodes, 1 spare host), as a reset leaves it. */
export function startingModel(capabilities: readonly string[] = ALL_CAPABILITIES): Model {
  const m = new Model(new Set(capabilities));
  const { decision } = m.predict(topologyCommands({ nodes: 3, spareHosts: 1 }, 0));
  if (!decision.ok) throw new Error(decision.rejection.description);
  m.accept(decision);
  // As a reset: every host's own API, a node's too (its host may join again once it is removed).
  for (const h of Object.keys(m.state.hosts)) m.bootstrapUrls.set(h, `https://${h}.invalid`);
  return m;
}

/** What one command of a sequence met: the model before it, what it sent and asked. */
export interface Visit {
  readonly before: Model;
  readonly command: StepCommand;
  readonly spec: StepSpec;
}

/**
 * Runs a command sequence against the model alone, as a conforming target would answer it
 * (targets' choices are the model's own), and hands `visit` each command that runs. For
 * statistics of what generation produces, not for conformance.
 */
export function runOnModel(commands: Iterable<SuiteCommand>, visit: (v: Visit) => void): void {
  const m = startingModel();
  for (const command of commands) {
    // Steps sent with the cluster's work held between them (an interrupted removal, a change in progress).
    const steps = command instanceof HeldCommand ? (command.check(m) ? command.steps : []) : [command];
    for (const step of steps) {
      // A read-only probe (a single GET, a log query, a dry run) sends nothing that changes the state.
      if (!(step instanceof StepCommand) || !step.check(m)) continue;
      const spec = step.step(m);
      visit({ before: m.fork(m.state), command: step, spec });
      const { decision } = m.predict(spec.commands);
      if (decision.ok) m.accept(decision);
    }
    m.settle();
  }
}

/**
 * Samples `runs` command sequences of an area as the suite generates them (default size and
 * length) and returns, for each of `hits`, the share of them in which it held for at least one command.
 */
export function shareOfSequences<N extends string>(area: Area, runs: number, hits: Record<N, (v: Visit) => boolean>, seed = 1): Record<N, number> {
  const sequences = fc.sample(fc.commands([...area.commands], { maxCommands: 25, size: 'max' }), { numRuns: runs, seed });
  const names = Object.keys(hits) as N[];
  const counts = Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>;
  for (const cmds of sequences) {
    const found = new Set<N>();
    // fast-check wraps each command; the wrapper holds it as `cmd`.
    runOnModel([...cmds].map((c) => (c as unknown as { cmd: StepCommand }).cmd), (v) => {
      for (const n of names) if (!found.has(n) && hits[n](v)) found.add(n);
    });
    for (const n of found) counts[n]++;
  }
  return Object.fromEntries(names.map((n) => [n, counts[n] / runs])) as Record<N, number>;
}
