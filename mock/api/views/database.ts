import { createHash } from 'node:crypto';
import type { ClusterState, DatabaseState } from '../../../domain/state.ts';
import { BDB_CONSTANTS, ENDPOINT_CONSTANTS } from './constants.ts';
import { isoSeconds } from './names.ts';
import { clientAddresses, endpointNode, shardsCount, shardsOf } from './node.ts';

/**
 * The password the cluster's own processes use on a database: a real cluster makes one of 48
 * characters per database; here it follows from the cluster and the uid, so that it is stable.
 */
const adminPass = (s: ClusterState, db: DatabaseState) => createHash('sha256').update(`${s.name}/${db.uid}`).digest('base64url').slice(0, 48);

/**
 * A database's own fields, over the constants: what a client set without a rule of the model (as
 * it sent it), then what the model decides. `databaseView` spreads them over the constants; the
 * precompiled serialiser, which writes the constants as text made once, reads them over the
 * constants as a prototype (`views/json.ts`), so they are not copied for every answer.
 */
export function databaseFields(s: ClusterState, db: DatabaseState) {
  const node = endpointNode(s);
  const shards = shardsOf(s, db);
  // The model keeps no creation time: the cluster clock stands for both times.
  const time = isoSeconds(s.clock);
  return {
    ...db.settings,
    uid: Number(db.uid),
    name: db.name,
    memory_size: db.memorySize,
    // The API reports an assigned port as 0; the real port is the endpoint's.
    port: db.portAutoAssigned ? 0 : db.port,
    status: db.status,
    data_internode_encryption: db.dataInternodeEncryption,
    shards_count: shardsCount(db),
    shard_list: shards,
    created_time: time,
    last_changed_time: time,
    authentication_admin_pass: adminPass(s, db),
    endpoints: [
      {
        ...ENDPOINT_CONSTANTS,
        uid: `${db.uid}:1`,
        dns_name: `redis-${db.port}.${s.name}`,
        port: db.port,
        addr: node ? clientAddresses(node) : [],
        addr_type: 'external',
      },
    ],
  };
}

export const databaseView = (s: ClusterState, db: DatabaseState) => ({ ...BDB_CONSTANTS, ...databaseFields(s, db) });
