import { decideAll } from '../../core/decide.ts';
import type { Command } from '../../domain/commands.ts';
import type { ClusterState, DatabaseState } from '../../domain/state.ts';
import { UNSEEN, type SequentialModel } from '../linearizability/index.ts';
import { refusalAgrees, type Profile } from '../profile.ts';

/** One request of a concurrent batch, as the checker sees it: what the machines are asked. */
export interface ConcurrentInput {
  /** How it reads in a failure. */
  readonly label: string;
  /** The database it is about (model uid): the part of the history it belongs to. */
  readonly db: string;
  /** The command(s) it stands for; none for a read. */
  readonly commands: readonly Command[];
  /** `GET /v1/bdbs/{uid}`: its answer is the database as the target shows it. */
  readonly read?: boolean;
}

/** The fields of a database a read compares: what a half-applied change or a lost update shows in. */
export interface DatabaseView {
  readonly status: unknown;
  readonly data_internode_encryption: unknown;
  readonly memory_size: unknown;
}

export interface ConcurrentOutput {
  readonly status: number;
  readonly error_code?: string;
  /** A read's answer, as compared. */
  readonly shown?: DatabaseView;
}

export const databaseView = (d: DatabaseState): DatabaseView => ({ status: d.status, data_internode_encryption: d.dataInternodeEncryption, memory_size: d.memorySize });
export const shownView = (body: any): DatabaseView => ({ status: body?.status, data_internode_encryption: body?.data_internode_encryption, memory_size: body?.memory_size });

/** The state once the cluster finished its pending work on `db` (the same state if it has none). */
function finished(state: ClusterState, db: string): ClusterState {
  const d = state.databases[db];
  if (!d || d.status === 'active') return state;
  const done = decideAll(state, [{ type: 'CompleteDatabaseAction', data: { uid: db } }]);
  return done.ok ? done.state : state;
}

const accepted = (o: ConcurrentOutput) => o.status >= 200 && o.status < 300;

function readAgrees(state: ClusterState, db: string, output: ConcurrentOutput): boolean {
  const d = state.databases[db];
  if (!d) return output.status === 404;
  return output.status === 200 && JSON.stringify(output.shown) === JSON.stringify(databaseView(d));
}

/**
 * The machines as the checker's sequential model. The cluster finishes a database's pending
 * create, change or delete on its own, at a time the client does not see: before each request
 * the database may still be pending or may be done, so both are tried (the model's one choice).
 * A database's requests touch only that database, so each database is a part of its own.
 */
export function clusterModel(init: ClusterState, profile: Profile): SequentialModel<ClusterState, ConcurrentInput, ConcurrentOutput> {
  const keys = new WeakMap<ClusterState, string>();
  return {
    init,
    partition: (input) => input.db,
    key(state) {
      let k = keys.get(state);
      if (k === undefined) keys.set(state, (k = JSON.stringify(state.databases)));
      return k;
    },
    step(state, input, output) {
      const next: ClusterState[] = [];
      const done = finished(state, input.db);
      for (const s of done === state ? [state] : [state, done]) {
        if (input.read) {
          if (output === UNSEEN || readAgrees(s, input.db, output)) next.push(s);
          continue;
        }
        const d = decideAll(s, input.commands);
        // An answer set aside: the request may have been taken or not.
        if (output === UNSEEN) next.push(s, ...(d.ok ? [d.state] : []));
        else if (d.ok && accepted(output)) next.push(d.state);
        else if (!d.ok && !accepted(output) && refusalAgrees(profile, d.rejection, output)) next.push(s);
      }
      return next;
    },
  };
}
