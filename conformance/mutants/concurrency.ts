import { http } from 'msw';
import type { DatabaseChangeRequest } from '../../machines/index.ts';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Mutant } from './mutant.ts';

const body = async (request: Request) => (await request.clone().json().catch(() => ({}))) as Record<string, any>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The fields of a `PUT /v1/bdbs/{uid}` body as the command names them. */
const changesOf = (b: Record<string, any>): DatabaseChangeRequest =>
  Object.fromEntries(
    Object.entries({ data_internode_encryption: 'dataInternodeEncryption', memory_size: 'memorySize', port: 'port' })
      .filter(([api]) => api in b)
      .map(([api, field]) => [field, b[api]]),
  ) as DatabaseChangeRequest;

/** The database as the API shows it: what a PUT answers once its change is written. */
const shown = (through: (r: Request) => Promise<Response>, url: string) => through(new Request(url, { method: 'GET' }));

/** Finishes the database's pending work at once: a write that never looks at the status. */
const forceActive = (cluster: MockCluster, uid: string) => {
  if (cluster.state.databases[uid]?.status !== 'active') cluster.execute({ type: 'CompleteDatabaseAction', data: { uid } });
};

/**
 * Faults only concurrent clients show: alone, each request is answered as specified. Caught by
 * a run with `--clients`, never by the sequential suite (`needs: ['clients']`).
 */
export const CONCURRENCY: readonly Mutant[] = [
  {
    name: 'lost-update',
    breaks: 'DB-LIFE-002',
    needs: ['clients'],
    description:
      'updates a database by read-modify-write without a lock: reads it, awaits (a store round trip), then writes back the record as read with its own change — over a change another request made meanwhile, which is lost',
    handlers: (cluster, through) => [
      http.put('*/v1/bdbs/:uid', async ({ request, params }) => {
        const uid = String(params.uid);
        const read = cluster.state.databases[uid];
        const b = await body(request);
        await pause(4);
        // Nothing came between (every sequential run): the change as the mock makes it.
        if (!read || cluster.state.databases[uid] === read) return through(request);
        // Checked as if the database were still as read: only "busy" (the other change) is overlooked.
        const now = cluster.dryRun({ type: 'UpdateDatabase', data: { uid, changes: changesOf(b) } });
        if (!now.ok && now.rejection.error_code !== 'busy') return through(request);
        forceActive(cluster, uid);
        const written = cluster.execute({ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: read.dataInternodeEncryption, memorySize: read.memorySize, ...changesOf(b) } } });
        return written.ok ? shown(through, request.url) : through(request);
      }),
    ],
  },
  {
    name: 'change-applied-in-halves',
    breaks: 'DB-LIFE-001',
    needs: ['clients'],
    description:
      'applies a change of two fields as two writes with an await between: a request that lands between them sees the database half changed (one field new, the other old)',
    handlers: (cluster, through) => [
      http.put('*/v1/bdbs/:uid', async ({ request, params }) => {
        const uid = String(params.uid);
        const changes = changesOf(await body(request));
        const fields = Object.keys(changes) as (keyof DatabaseChangeRequest)[];
        const whole = cluster.dryRun({ type: 'UpdateDatabase', data: { uid, changes } });
        // A refusal, or a change of one field: as the mock makes it.
        if (fields.length < 2 || !whole.ok) return through(request);
        const [first, ...rest] = fields;
        cluster.execute({ type: 'UpdateDatabase', data: { uid, changes: { [first!]: changes[first!] } } });
        await pause(4);
        forceActive(cluster, uid);
        cluster.execute({ type: 'UpdateDatabase', data: { uid, changes: Object.fromEntries(rest.map((f) => [f, changes[f]])) } });
        return shown(through, request.url);
      }),
    ],
  },
];
