import type { Draft } from 'immer';
import type { DomainEvent } from '../events.ts';
import type { NodeState } from '../state.ts';

/**
 * Applies an event to one node in place (an immer draft). Serves both the cluster fold and the
 * node machine's context, so the two cannot disagree about what an event does to a node.
 */
export function applyToNode(node: Draft<NodeState>, event: DomainEvent): void {
  switch (event.type) {
    case 'NodeAddressChanged':
      node.addr = event.data.addr;
      return;
    case 'NodeExternalAddressesChanged':
      node.externalAddrs = [...event.data.externalAddrs];
      return;
    case 'NodeWentDown':
    case 'NodeRemovalFailed':
      node.status = 'down';
      return;
    case 'NodeCameOnline':
      node.status = 'active';
      return;
    case 'NodeRemovalStarted':
      node.status = 'decommissioning';
      return;
    default:
      return;
  }
}
