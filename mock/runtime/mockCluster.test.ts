import { describe, expect, it } from 'vitest';
import { topologyCommands } from '../../core/topology.ts';
import { MockCluster } from './mockCluster.ts';

const SETTLE_MS = 5;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A three-node cluster whose asynchronous work finishes `SETTLE_MS` after it starts. */
function cluster(): MockCluster {
  const c = new MockCluster({ settleMs: SETTLE_MS });
  const built = c.reset(topologyCommands({ nodes: 3, spareHosts: 1 }, Date.now()));
  if (!built.ok) throw new Error(built.rejection.description);
  return c;
}

describe('held asynchronous work (control protocol hold-work)', () => {
  it('stays under way while held, and finishes once released', async () => {
    const c = cluster();
    try {
      c.holdWork(true);
      expect(c.execute({ type: 'RemoveNode', data: { uid: '2' } }).ok).toBe(true);
      await pause(SETTLE_MS * 10);
      expect(c.state.nodes['2']?.status).toBe('decommissioning');
      c.holdWork(false);
      await pause(SETTLE_MS * 10);
      expect(c.state.nodes['2']).toBeUndefined();
      expect(c.state.removals['2']).toBe('completed');
    } finally {
      c.close();
    }
  });

  it('holds work already scheduled when the hold comes', async () => {
    const c = cluster();
    try {
      c.execute({ type: 'RemoveNode', data: { uid: '3' } });
      c.holdWork(true);
      await pause(SETTLE_MS * 10);
      expect(c.state.nodes['3']?.status).toBe('decommissioning');
    } finally {
      c.close();
    }
  });

  it('lets a node go down during its own removal: the removal fails and stays failed after the release', async () => {
    const c = cluster();
    try {
      c.holdWork(true);
      c.execute({ type: 'RemoveNode', data: { uid: '2' } });
      expect(c.execute({ type: 'PowerOffNode', data: { uid: '2' } }).ok).toBe(true);
      c.holdWork(false);
      await pause(SETTLE_MS * 10);
      expect(c.state.nodes['2']?.status).toBe('down');
      expect(c.state.removals['2']).toBe('failed');
    } finally {
      c.close();
    }
  });

  it('is released by a reset', async () => {
    const c = cluster();
    try {
      c.holdWork(true);
      c.reset(topologyCommands({ nodes: 3, spareHosts: 1 }, Date.now()));
      expect(c.held).toBe(false);
      c.execute({ type: 'RemoveNode', data: { uid: '2' } });
      await pause(SETTLE_MS * 10);
      expect(c.state.nodes['2']).toBeUndefined();
    } finally {
      c.close();
    }
  });
});
