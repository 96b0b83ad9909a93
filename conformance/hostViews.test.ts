import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { changesHosts, observeHosts } from './hostViews.ts';
import { Mismatch } from './mismatch.ts';
import type { Mutant } from './mutants/mutant.ts';
import { resetStart } from './start/reset.ts';
import { inProcessTarget } from './target/inProcess.ts';
import { ALL_CAPABILITIES } from './testing/modelRun.ts';

const TOPOLOGY = { nodes: 3, spareHosts: 1 };

/** A mock whose spare hosts' own API answers `answer` (as the host's view of a host that never bootstrapped). */
const sparesAnswer = (name: string, answer: (body: any) => Response): Mutant => ({
  name,
  breaks: 'NODE-ADDR-012',
  description: `a spare host's GET /v1/bootstrap: ${name}`,
  handlers: (cluster, through) => [
    http.get('*/hosts/:host/v1/bootstrap', async ({ request, params }) => {
      if (cluster.state.hosts[String(params.host)]?.nodeUid !== null) return undefined;
      return answer(await (await through(request)).json());
    }),
  ],
});

const MUTANTS: Mutant[] = [
  sparesAnswer('fails', () => HttpResponse.json({ error_code: 'internal_error', description: 'x' }, { status: 500 })),
  sparesAnswer('reads completed', (b) => HttpResponse.json({ ...b, bootstrap_status: { state: 'completed' } })),
  sparesAnswer('reads error after a reset', (b) => HttpResponse.json({ ...b, bootstrap_status: { state: 'error', error_code: 'connect_error' } })),
  sparesAnswer('lists no address', (b) => HttpResponse.json({ ...b, local_node_info: { ...b.local_node_info, available_addresses: [] } })),
];

describe("the hosts' own views read after a reset", () => {
  it('hold on the mock: every host read, nodes completed, spare hosts idle with their addresses', async () => {
    const target = inProcessTarget();
    const reads: string[] = [];
    const watched = { ...target, host: (base: string, method: string, path: string, body?: unknown) => (reads.push(`${method} ${base}${path}`), target.host!(base, method, path, body)) };
    try {
      await resetStart(watched, new Set(ALL_CAPABILITIES), TOPOLOGY).prepare();
      expect(reads.length).toBe(4);
      expect(reads.every((r) => r.startsWith('GET ') && r.endsWith('/v1/bootstrap'))).toBe(true);
    } finally {
      await target.close();
    }
  });

  for (const mutant of MUTANTS) {
    it(`catch a spare host that ${mutant.name}`, async () => {
      const target = inProcessTarget({ mutant });
      try {
        await expect(resetStart(target, new Set(ALL_CAPABILITIES), TOPOLOGY).prepare()).rejects.toBeInstanceOf(Mismatch);
      } finally {
        await target.close();
      }
    });
  }

  it('allow a spare host that failed a join since to read error', async () => {
    const good = inProcessTarget();
    const target = inProcessTarget({ mutant: MUTANTS[2] });
    try {
      // The model of a cluster just reset, read through the target that shows the spare host as failed.
      const model = await resetStart(good, new Set(ALL_CAPABILITIES), TOPOLOGY).prepare();
      await target.control!('POST', '/reset', {});
      for (const [h, url] of model.bootstrapUrls) model.bootstrapUrls.set(h, url.replace(good.origin, target.origin));
      await expect(observeHosts(model, target, 'a join that failed')).resolves.toBeUndefined();
      await expect(observeHosts(model, target, 'a reset', true)).rejects.toBeInstanceOf(Mismatch);
    } finally {
      await good.close();
      await target.close();
    }
  });
});

describe('changesHosts', () => {
  it('names the steps after which a host reads otherwise', () => {
    expect(changesHosts([{ type: 'JoinNode', data: { hostId: 'host-4', via: '10.0.0.1', addr: '10.0.0.4' } }], [])).toBe(true);
    expect(changesHosts([{ type: 'SetHostAddresses', data: { hostId: 'host-4', boundAddrs: [] } }], [])).toBe(true);
    expect(changesHosts([], [{ type: 'NodeRemoved', data: { uid: '2' } }])).toBe(true);
    expect(changesHosts([{ type: 'PowerOffNode', data: { uid: '2' } }], [])).toBe(false);
  });
});
