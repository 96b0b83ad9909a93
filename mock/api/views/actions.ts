import type { ClusterState } from '../../../domain/state.ts';

/**
 * The removal of a node as an action object. A failed action carries `error_code` and
 * `error_message`, as the reference's action object says; the model keeps no more than that it
 * failed, so the code is the reference's catch-all.
 */
/** Why a removal failed, as far as the state tells: the one way the model fails one is the node going down. */
const failure = (s: ClusterState, uid: string) => (s.nodes[uid]?.status === 'down' ? 'node went down during removal' : 'node removal failed');

export function removalView(s: ClusterState, uid: string) {
  const status = s.removals[uid];
  if (!status) return undefined;
  return {
    name: 'remove_node',
    action_uid: `remove_node:${uid}`,
    node_uid: uid,
    status,
    progress: status === 'running' ? 50 : 100,
    ...(status === 'failed' ? { error_code: 'internal_error', error_message: failure(s, uid) } : {}),
  };
}
