import { http, HttpResponse } from 'msw';
import { ENDPOINT_RANGE, SYSTEM_RESERVED } from '../../domain/rules/ports.ts';
import type { ClusterState } from '../../domain/state.ts';
import type { Mutant } from './mutant.ts';

const body = async (request: Request) => (await request.clone().json().catch(() => ({}))) as Record<string, any>;
const pass = () => undefined;

/** The cluster's answer to `PUT /v1/cluster` as if the change had been made (nothing changes). */
const clusterAnswer = (s: ClusterState, changes: Record<string, unknown>) =>
  HttpResponse.json({ name: s.name, cm_port: s.config.cmPort, cnm_http_port: s.config.cnmHttpPort, cnm_https_port: s.config.cnmHttpsPort, http_support: s.config.httpSupport, alert_settings: {}, ...changes });

/**
 * The lowest port of the endpoint range an allocator that forgets other processes would take:
 * not a database's, not a cluster port, not reserved, but maybe held by another process.
 */
function forgetfulChoice(s: ClusterState): number | null {
  const taken = new Set([...Object.values(s.databases).map((d) => d.port), s.config.cmPort, s.config.cnmHttpPort, s.config.cnmHttpsPort]);
  for (let p = ENDPOINT_RANGE.min; p <= ENDPOINT_RANGE.max; p++) {
    if (!taken.has(p) && !SYSTEM_RESERVED.some((r) => p >= r.from && p <= r.to)) return p;
  }
  return null;
}

/**
 * Broken variants that only values drawn from the state find (a collision with what another
 * entity holds right now), or only a check of what the target chose where it may choose.
 */
export const COLLISIONS: readonly Mutant[] = [
  {
    name: 'assigned-port-ignores-other-processes',
    needs: ['foreign-ports', 'reset'],
    breaks: 'PORT-DB-002',
    description: 'assigns a new database a port of the range that another process holds (it checks only its own uses)',
    handlers: (cluster, through) => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const b = await body(request);
        const port = forgetfulChoice(cluster.state);
        if (b.port !== undefined || port === null || !cluster.state.foreignPorts.includes(port)) return pass();
        // Forgets the other process's hold, so its own allocation lands on that port.
        cluster.execute({ type: 'ReleasePort', data: { port } });
        const answer = await through(request);
        if (!answer.ok) cluster.execute({ type: 'HoldPort', data: { port } });
        return answer;
      }),
    ],
  },
  {
    name: 'explicit-uid-ignored',
    breaks: 'DB-LIFE-001',
    description: 'numbers a new database itself even when the request names its uid',
    handlers: (_cluster, through) => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const { uid, ...rest } = await body(request);
        // It validates the uid, then numbers the database itself.
        if (!Number.isSafeInteger(uid) || uid < 1) return pass();
        return through(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(rest) }));
      }),
    ],
  },
  {
    name: 'cm-port-onto-database-endpoint',
    breaks: 'PORT-CM-001',
    description: "moves cm_port onto a database's endpoint port (it checks only the cluster's own ports)",
    handlers: (cluster) => [
      http.put('*/v1/cluster', async ({ request }) => {
        const b = await body(request);
        const endpoint = Object.values(cluster.state.databases).some((d) => d.port === b.cm_port);
        return Number.isInteger(b.cm_port) && endpoint && Object.keys(b).length === 1 ? clusterAnswer(cluster.state, { cm_port: b.cm_port }) : pass();
      }),
    ],
  },
  {
    name: 'foreign-port-checked-only-in-range',
    needs: ['foreign-ports', 'reset'],
    breaks: 'PORT-DB-002',
    description: 'gives an explicit endpoint port outside 10000-19999 that another process holds (it looks for other processes only in the range)',
    handlers: (cluster) => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const b = await body(request);
        const outside = Number.isInteger(b.port) && (b.port < ENDPOINT_RANGE.min || b.port > ENDPOINT_RANGE.max);
        if (!outside || !cluster.state.foreignPorts.includes(b.port) || typeof b.name !== 'string') return pass();
        // Answers as if created; the database never appears.
        return HttpResponse.json({ uid: cluster.state.nextDatabaseUid, name: b.name, port: b.port, status: 'pending', endpoints: [{ port: b.port, addr: [] }] });
      }),
    ],
  },
];
