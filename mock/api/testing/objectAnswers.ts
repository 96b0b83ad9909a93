import { createMockCluster } from '../../index.ts';
import { createDispatcher } from '../handlers.ts';

/** One answer of the mock: what was asked and what came back. */
export interface Answer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly text: string;
  readonly body: any;
}

/** The mock's answers for every object it serves, from a cluster in which each object shows all it can. */
export interface ObjectAnswers {
  /** Every answer, in order (for the document's check). */
  readonly all: readonly Answer[];
  /** `GET <path>` → its body, for the paths of the real samples. */
  readonly get: (path: string) => unknown;
  /** For each object of `spec/reference-fields.yaml`, the instances the mock served. */
  readonly documented: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/**
 * Builds a 3-node cluster with a database like the real sample's (`default-db`, 1 GiB) and takes
 * it through what makes the conditional fields appear: a rename (`bdb_name_updated`), a join
 * that fails (a bootstrap error), a removal that fails (an action's error), then reads back every
 * object the mock serves.
 */
export async function collectObjectAnswers(): Promise<ObjectAnswers> {
  const { cluster } = createMockCluster({ settleMs: 60_000 });
  const dispatch = createDispatcher(cluster);
  const all: Answer[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const response = await dispatch(new Request(`https://cluster.test:9443${path}`, init));
    const text = await response.text();
    const answer = { method, path, status: response.status, text, body: text ? JSON.parse(text) : undefined };
    all.push(answer);
    return answer;
  };
  try {
    await call('POST', '/v1/bdbs', { name: 'default-db', memory_size: 1_073_741_824 });
    cluster.settle();
    await call('POST', '/v1/bdbs', { name: 'cache', memory_size: 104_857_600 });
    cluster.settle();
    await call('PUT', '/v1/bdbs/2', { name: 'sessions' });
    cluster.settle();
    await call('POST', '/hosts/host-4/v1/bootstrap/join_cluster', { action: 'join_cluster', cluster: { nodes: ['192.0.2.99'] } });
    await call('POST', '/v1/nodes/3/actions/remove');
    await call('POST', '/control/v1/nodes/3/power', { state: 'down' });
    cluster.settle();

    const gets = new Map<string, unknown>();
    const get = async (path: string) => {
      const a = await call('GET', path);
      gets.set(path, a.body);
      return a.body;
    };
    for (const path of ['/v1/nodes/1', '/v1/bdbs/1', '/v1/cluster', '/v1/nodes', '/v1/bdbs', '/v1/cluster/policy', '/v1/nodes/actions']) await get(path);
    const nodeAlerts = await get('/v1/nodes/alerts/1');
    const clusterAlerts = await get('/v1/cluster/alerts');
    await get('/v1/nodes/alerts');
    const failedRemoval = await get('/v1/nodes/3/actions/remove');
    const joined = await get('/hosts/host-1/v1/bootstrap');
    const failedJoin = await get('/hosts/host-4/v1/bootstrap');
    const logs = (await get('/v1/logs')) as Record<string, unknown>[];
    const certificates = await get('/v1/cluster/certificates');
    return {
      all,
      get: (path) => gets.get(path),
      documented: {
        alert: [...Object.values(nodeAlerts as object), ...Object.values(clusterAlerts as object)],
        action: [failedRemoval as Record<string, unknown>],
        bootstrap_status: [joined, failedJoin].map((b: any) => b.bootstrap_status),
        local_node_info: [joined, failedJoin].map((b: any) => b.local_node_info),
        log_entry: logs,
        certificates: [certificates as Record<string, unknown>],
      },
    };
  } finally {
    await cluster.edge?.close();
    cluster.close();
  }
}
