import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { InterruptRemoval } from './interruptRemoval.ts';
import { Mismatch } from '../mismatch.ts';
import type { Mutant } from '../mutants/mutant.ts';
import { resetStart } from '../start/reset.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MOCK_CAPABILITIES } from '../testing/started.ts';

const TOPOLOGY = { nodes: 3, spareHosts: 1 };

/** Answers the hold as taken and holds nothing: the removal finishes at once, before the node goes down. */
const holdIgnored: Mutant = {
  name: 'hold-ignored',
  breaks: 'NODE-LIFE-006',
  description: 'answers POST /control/v1/work as held, and finishes a removal at once',
  handlers: (cluster, through) => [
    http.post('*/control/v1/work', async ({ request }) => HttpResponse.json({ held: ((await request.json()) as any).hold })),
    http.post('*/v1/nodes/:uid/actions/remove', async ({ request }) => {
      const answer = await through(request);
      cluster.settle();
      return answer;
    }),
  ],
};

/** Shows a failed removal with an empty error code. */
const noErrorCode: Mutant = {
  name: 'failed-removal-without-code',
  breaks: 'NODE-LIFE-006',
  description: "a failed removal's action carries an empty error_code",
  handlers: (_cluster, through) => [
    http.get('*/v1/nodes/:uid/actions/remove', async ({ request }) => {
      const a = (await (await through(request)).json()) as any;
      return HttpResponse.json(a.status === 'failed' ? { ...a, error_code: '' } : a);
    }),
  ],
};

async function interrupt(mutant?: Mutant) {
  const target = inProcessTarget(mutant ? { mutant } : {});
  try {
    const model = await resetStart(target, MOCK_CAPABILITIES, TOPOLOGY).prepare();
    const command = new InterruptRemoval(1);
    expect(command.check(model)).toBe(true);
    await command.run(model, target);
    return { model, command };
  } finally {
    await target.close();
  }
}

describe('InterruptRemoval', () => {
  it('[NODE-LIFE-006] holds on the mock: the node is down, its removal failed, and the work is released', async () => {
    const { model, command } = await interrupt();
    expect(model.state.nodes['2']?.status).toBe('down');
    expect(model.state.removals['2']).toBe('failed');
    expect(model.workHeld).toBe(false);
    expect(model.trace.filter((t) => t.path === '/work').map((t) => t.body)).toEqual([{ hold: true }, { hold: false }]);
    expect(command.toString()).toContain('node 2');
  });

  it('catches a target that answers the hold but lets the removal finish', async () => {
    await expect(interrupt(holdIgnored)).rejects.toBeInstanceOf(Mismatch);
  });

  it("catches a failed removal's action without an error code", async () => {
    await expect(interrupt(noErrorCode)).rejects.toThrow(/actions\/remove/);
  });

  it('is not sent to a target that cannot hold its work', async () => {
    const target = inProcessTarget();
    try {
      const have = new Set([...MOCK_CAPABILITIES].filter((c) => c !== 'hold-work'));
      const model = await resetStart(target, have, TOPOLOGY).prepare();
      expect(new InterruptRemoval(1).check(model)).toBe(false);
    } finally {
      await target.close();
    }
  });
});
