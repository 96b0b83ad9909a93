import { describe, expect, it } from 'vitest';
import { decideAll } from '../../core/decide.ts';
import { topologyCommands } from '../../core/topology.ts';
import { initialState, type ClusterState } from '../../domain/state.ts';
import { InternodeListeners } from './internode.ts';
import { ClusterPki } from './pki.ts';

const decide = (state: ClusterState, commands: Parameters<typeof decideAll>[1]): ClusterState => {
  const d = decideAll(state, commands);
  if (!d.ok) throw new Error(d.rejection.description);
  return d.state;
};

describe('the internode listeners across a reset', () => {
  it('a sync still running for the old cluster asks the new PKI for nothing', async () => {
    const pki = new ClusterPki();
    const listeners = new InternodeListeners(pki, '127.0.0.1');
    try {
      const up = decide(initialState(), topologyCommands({ nodes: 2, spareHosts: 0 }, 0));
      await listeners.sync(up);
      expect(listeners.address('1')).toBeDefined();
      // Node 1 goes down: the sync closes its listener (it waits), and a reset comes meanwhile.
      const down = decide(up, [{ type: 'PowerOffNode', data: { uid: '1' } }]);
      const syncing = listeners.sync(down);
      pki.reset();
      await syncing;
      // The old cluster's sync made no CA (nor certificate) for the cluster that follows the reset.
      expect(pki.hasCa(down)).toBe(false);
    } finally {
      await listeners.close();
    }
  });
});
