import { describe, expect, it } from 'vitest';
import { allTransitions, describeTransition } from '../machines/introspect.ts';
import { topologyCommands } from '../core/topology.ts';
import { EXPLORATION } from './arbitraries.ts';
import { MACHINES, outOfReach } from './coverage.ts';
import { graphSeeds } from './explore.ts';
import { Model } from './model.ts';

const ALL_CAPABILITIES = new Set(['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports']);

function reset(capabilities: ReadonlySet<string>): { model: Model; built: readonly string[] } {
  const model = new Model(capabilities);
  const { decision, taken } = model.predict(topologyCommands({ nodes: 3, spareHosts: 1 }, Date.UTC(2026, 0, 1)));
  if (!decision.ok) throw new Error(decision.rejection.description);
  model.accept(decision);
  for (let i = 1; i <= 4; i++) model.bootstrapUrls.set(`host-${i}`, `https://host-${i}.example`);
  return { model, built: taken.map(describeTransition) };
}

describe('graphSeeds', () => {
  it('reaches every transition that is not out of reach', () => {
    const { model } = reset(ALL_CAPABILITIES);
    const reached = new Set([...graphSeeds(model, EXPLORATION).flatMap((s) => s.reaches.map(describeTransition))]);
    // A node powered off during its own removal is reached by InterruptRemoval, which holds the
    // cluster's work (hold-work) and is no single command of the exploration's alphabet; its seed
    // takes it (conformance/commands/interruptRemoval.test.ts), and so does a default run.
    const interrupted = (d: string) => /^node\.decommissioning --PowerOffNode/.test(d);
    const missing = MACHINES.flatMap(allTransitions).map(describeTransition).filter((d) => !reached.has(d) && !outOfReach(d) && !interrupted(d));
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
