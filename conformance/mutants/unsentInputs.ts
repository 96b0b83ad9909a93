import { http, HttpResponse } from 'msw';
import type { Mutant } from './mutant.ts';

const body = async (request: Request) => (await request.clone().json().catch(() => ({}))) as Record<string, any>;
/** Lets the request through to the mock's own handler. */
const pass = () => undefined;

/**
 * Broken variants that only inputs the suite once never sent can show: log queries, single-plane
 * rotation, dry runs, an IPv6 cluster's joins, the API's own ports, single-object reads.
 */
export const UNSENT_INPUTS: readonly Mutant[] = [
  {
    name: 'log-limit-ignored',
    breaks: 'API-LOG-001',
    description: 'answers every entry after the offset to GET /v1/logs, whatever the limit',
    handlers: (_cluster, through) => [
      http.get('*/v1/logs', ({ request }) => {
        const url = new URL(request.url);
        if (!url.searchParams.has('limit')) return pass();
        url.searchParams.delete('limit');
        return through(new Request(url, { method: 'GET', headers: request.headers }));
      }),
    ],
  },
  {
    name: 'rotate-body-ignored',
    needs: ['reset'],
    breaks: 'CERT-ROT-003',
    description: 'rotates both planes when the rotate request names one certificate',
    handlers: (_cluster, through) => [
      http.post('*/v1/cluster/certificates/rotate', async ({ request }) => {
        const b = await body(request);
        if (b.name !== 'ccs_internode_encryption' && b.name !== 'data_internode_encryption') return pass();
        return through(new Request(request.url, { method: 'POST', headers: request.headers }));
      }),
    ],
  },
  {
    name: 'external-addr-scalar-as-list',
    breaks: 'NODE-ADDR-004',
    description: 'takes an external_addr that is one address, not a list, as the list of that address',
    handlers: (_cluster, through) => [
      http.put('*/v1/nodes/:uid', async ({ request }) => {
        const b = await body(request);
        if (typeof b.external_addr !== 'string') return pass();
        return through(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify({ ...b, external_addr: [b.external_addr] }) }));
      }),
    ],
  },
  {
    name: 'dry-run-applied',
    breaks: 'API-DRY-001',
    description: 'creates the database for real on POST /v1/bdbs?dry_run=1',
    handlers: (_cluster, through) => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const url = new URL(request.url);
        if (!url.searchParams.has('dry_run')) return pass();
        url.searchParams.delete('dry_run');
        return through(new Request(url, { method: 'POST', headers: request.headers, body: await request.clone().text() }));
      }),
    ],
  },
  {
    name: 'ipv4-join-on-ipv6-cluster',
    needs: ['reset', 'spare-hosts'],
    breaks: 'NODE-ADDR-013',
    description: "lets a host join a cluster created for IPv6 with an IPv4 internal address (it takes the host's IPv6 one instead)",
    handlers: (cluster, through) => [
      http.post('*/hosts/:host/v1/bootstrap/join_cluster', async ({ request, params }) => {
        const b = await body(request);
        const addr = b.node?.identity?.addr;
        const own = cluster.state.hosts[String(params.host)]?.boundAddrs.find((a) => a.includes(':'));
        if (cluster.state.family !== 'ipv6' || typeof addr !== 'string' || addr.includes(':') || !own) return pass();
        const rewritten = { ...b, node: { ...b.node, identity: { ...b.node.identity, addr: own } } };
        return through(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(rewritten) }));
      }),
    ],
  },
  {
    name: 'api-port-not-checked-against-endpoints',
    needs: ['reset'],
    breaks: 'PORT-CM-003',
    description: "answers 200 to moving cnm_http_port or cnm_https_port onto a database's endpoint port (and changes nothing)",
    handlers: (cluster) => [
      http.put('*/v1/cluster', async ({ request }) => {
        const b = await body(request);
        const ports = Object.values(cluster.state.databases).map((d) => d.port);
        if (![b.cnm_http_port, b.cnm_https_port].some((p) => ports.includes(p))) return pass();
        const c = cluster.state.config;
        return HttpResponse.json({ name: cluster.state.name, cm_port: c.cmPort, cnm_http_port: c.cnmHttpPort, cnm_https_port: c.cnmHttpsPort, http_support: c.httpSupport, alert_settings: {} });
      }),
    ],
  },
  {
    name: 'stale-single-database-read',
    breaks: 'DB-LIFE-001',
    description: 'answers GET /v1/bdbs/{uid} with the database as it was created (a cache filled on creation, never updated)',
    handlers: (_cluster, through) => {
      const cache = new Map<string, Record<string, unknown>>();
      return [
        http.post('*/v1/bdbs', async ({ request }) => {
          if (new URL(request.url).searchParams.has('dry_run')) return pass();
          const answer = await through(request);
          if (answer.status !== 200) return answer;
          const created = (await answer.json()) as Record<string, unknown>;
          cache.set(String(created.uid), created);
          return HttpResponse.json(created);
        }),
        http.get('*/v1/bdbs/:uid', ({ params }) => {
          const cached = cache.get(String(params.uid));
          return cached ? HttpResponse.json(cached) : pass();
        }),
      ];
    },
  },
];
