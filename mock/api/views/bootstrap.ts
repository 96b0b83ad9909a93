import { parseAddress } from '../../../domain/rules/address.ts';
import type { ClusterState, HostState } from '../../../domain/state.ts';
import { NODE_CONSTANTS } from './constants.ts';
import { isoSeconds } from './names.ts';
import { uptimeOf } from './node.ts';
import type { BootstrapAttempt } from '../../runtime/mockCluster.ts';

/**
 * `GET /v1/bootstrap` on a host: how its last bootstrap went, and `local_node_info`, the node
 * object's description of the machine (the same constants as the node's) with the addresses
 * bound on it, its uid once it is a node.
 */
export function bootstrapView(s: ClusterState, host: HostState, last: BootstrapAttempt | undefined) {
  // A host whose node was removed is a fresh machine again, ready to join: `idle`, as after a
  // reinstall (spec/control.md, "Bootstrap"). Only a failed attempt since is remembered.
  const state = host.nodeUid !== null ? 'completed' : last?.state === 'error' ? 'error' : 'idle';
  const time = isoSeconds(last?.time ?? s.clock);
  const node = host.nodeUid !== null ? s.nodes[host.nodeUid] : undefined;
  return {
    bootstrap_status: {
      state,
      ...(state === 'idle' ? {} : { start_time: time, end_time: time }),
      ...(state === 'error' ? { error_code: last!.error_code, error_details: { message: last!.message } } : {}),
    },
    local_node_info: {
      ...NODE_CONSTANTS,
      ...(node ? { uid: Number(node.uid) } : {}),
      uptime: node ? uptimeOf(s, node) : 0,
      available_addresses: host.boundAddrs.map((address) => {
        const p = parseAddress(address);
        return { address, format: p.ok ? p.family : 'ipv4', if_name: 'eth0', private: true };
      }),
    },
  };
}
