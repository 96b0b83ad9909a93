import { describe, expect, it } from 'vitest';
import { allTransitions, describeTransition } from '../machines/introspect.ts';
import { topologyCommands } from '../core/topology.ts';
import { EXPLORATION } from './arbitraries.ts';
import { MACHINES, outOfReach } from './coverage.ts';
import { graphSeeds } from './explore.ts';
import { Model } from './model.ts';
import type { StepCommand } from './commands/command.ts';
import { interruptionSeeds } from './commands/interruptRemoval.ts';
import { HeldCommand } from './commands/whileHeld.ts';
import { inProgressSeeds } from './inProgressSeeds.ts';

const ALL_CAPABILITIES = new Set(['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports']);

function reset(capabilities: ReadonlySet<string>): { model: Model; built: readonly string[] } {
  const model = new Model(capabilities);
  const { decision, taken } = model.predict(topologyCommands({ nodes: 3, spareHosts: 1 }, Date.UTC(2026, 0, 1)));
  if (!decision.ok) throw new Error(decision.rejection.description);
  model.accept(decision);
  for (let i = 1; i <= 4; i++) model.bootstrapUrls.set(`host-${i}`, `https://host-${i}.example`);
  return { model, built: taken.map(describeTransition) };
}

/** The transitions the seeds that hold the cluster's work take, step by step, on the model. */
function heldSeedsReach(start: Model): string[] {
  const m = start.fork(start.state);
  const reached: string[] = [];
  for (const command of [...interruptionSeeds(), ...inProgressSeeds()].flat()) {
    if (!command.check(m)) continue;
    const steps = command instanceof HeldCommand ? command.steps : [command as StepCommand];
    for (const step of steps) {
      if (!step.check(m)) continue;
      const { decision, taken } = m.predict(step.step(m).commands);
      reached.push(...taken.map(describeTransition));
      if (decision.ok) m.accept(decision);
    }
    reached.push(...m.settle().map(describeTransition));
  }
  return reached;
}

describe('graphSeeds', () => {
  it('reaches every transition that is not out of reach', () => {
    const { model } = reset(ALL_CAPABILITIES);
    const reached = new Set([...graphSeeds(model, EXPLORATION).flatMap((s) => s.reaches.map(describeTransition))]);
    // A request while the cluster's work is under way (a node powered off during its own removal, a
    // database changed while its change is pending) is sent only with the work held (hold-work),
    // by commands that are no single command of the exploration's alphabet: their seeds take them.
    for (const d of heldSeedsReach(reset(new Set([...ALL_CAPABILITIES, 'hold-work'])).model)) reached.add(d);
    const missing = MACHINES.flatMap(allTransitions).map(describeTransition).filter((d) => !reached.has(d) && !outOfReach(d));
    expect(missing).toEqual([]);
  });

  it('gives each seed as a shortest path: no seed reaches its transitions with a prefix of itself', () => {
    const { model } = reset(ALL_CAPABILITIES);
    for (const seed of graphSeeds(model, EXPLORATION)) {
      const shorter = seed.commands.slice(0, -1);
      const m = model.fork(model.state);
      const taken = new Set<string>();
      for (const c of shorter) {
        if (!c.check(m)) continue;
        const { decision, taken: t } = m.predict(c.step(m).commands);
        t.forEach((x) => taken.add(describeTransition(x)));
        if (decision.ok) m.accept(decision);
        m.settle().forEach((x) => taken.add(describeTransition(x)));
      }
      expect(seed.reaches.some((r) => !taken.has(describeTransition(r))), seed.commands.join(' ; ')).toBe(true);
    }
  });

  it('uses no command the target cannot serve', () => {
    const { model } = reset(new Set(['reset']));
    const seeds = graphSeeds(model, EXPLORATION);
    expect(seeds.length).toBeGreaterThan(0);
    for (const s of seeds) for (const c of s.commands) expect(c.needs.filter((n) => n !== 'reset'), String(c)).toEqual([]);
  });
});
