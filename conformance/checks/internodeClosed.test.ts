import { describe, expect, it } from 'vitest';
import { PowerNode } from '../commands/powerNode.ts';
import { RemoveNode } from '../commands/removeNode.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import type { Mutant } from '../mutants/mutant.ts';
import { resetStart } from '../start/reset.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MOCK_CAPABILITIES } from '../testing/started.ts';

/** The mock's listeners never hear that a node went down or was removed (its listener stays open). */
const keptOpen: Mutant = {
  name: 'internode-listeners-kept-open',
  needs: ['internode-tls'],
  breaks: 'NODE-LIFE-001',
  description: "keeps a node's internode listener open after the node went down or was removed",
  listeners: true,
  prepare: (cluster) => {
    const subscribe = cluster.onEvents.bind(cluster);
    cluster.onEvents = (listener) => subscribe((events, state) => (events.some((e) => e.type === 'NodeWentDown' || e.type === 'NodeRemoved') ? undefined : listener(events, state)));
  },
  handlers: () => [],
};

const capabilities = new Set([...MOCK_CAPABILITIES, 'internode-tls']);

async function withMock(mutant: Mutant | undefined, body: (model: Model, target: ReturnType<typeof inProcessTarget>) => Promise<void>) {
  const target = inProcessTarget(mutant ? { mutant } : { listeners: true });
  try {
    const model = await resetStart(target, capabilities, { nodes: 3, spareHosts: 0 }).prepare();
    await body(model, target);
  } finally {
    await target.close();
  }
}

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("the internode listener of a node that left", () => {
  it('[NODE-LIFE-001] [NODE-LIFE-002] passes the mock: closed once down, open again once up, closed once removed', async () => {
    await withMock(undefined, async (model, target) => {
      await new PowerNode(1, false).run(model, target);
      await new PowerNode(1, true).run(model, target);
      await new PowerNode(1, false).run(model, target);
      await new RemoveNode(2).run(model, target);
      expect(Object.values(model.state.nodes).map((n) => n.status)).toEqual(['active', 'down']);
    });
  });

  it('catches a listener left open after its node went down', async () => {
    await withMock(keptOpen, async (model, target) => {
      const e = await failure(new PowerNode(1, false).run(model, target));
      expect(e).toBeInstanceOf(Mismatch);
      expect((e as Mismatch).message).toContain('internode listener once the node is down');
      expect((e as Mismatch).reqs).toEqual(['NODE-LIFE-001']);
    });
  });

  it('catches a listener left open after its node was removed', async () => {
    await withMock(keptOpen, async (model, target) => {
      const e = await failure(new RemoveNode(2).run(model, target));
      expect(e).toBeInstanceOf(Mismatch);
      expect((e as Mismatch).message).toContain('internode listener once the node was removed');
      expect((e as Mismatch).reqs).toEqual(['NODE-LIFE-002']);
    });
  });
});
