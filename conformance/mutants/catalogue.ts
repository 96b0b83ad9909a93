import { http, HttpResponse } from 'msw';
import type { Mutant } from './mutant.ts';

const body = async (request: Request) => (await request.clone().json().catch(() => ({}))) as Record<string, any>;
/** Lets the request through to the mock's own handler. */
const pass = () => undefined;

export const MUTANTS: readonly Mutant[] = [
  {
    name: 'addr-change-on-active-node',
    breaks: 'NODE-ADDR-005',
    description: 'accepts an internal address change on an active node (answers 200, changes nothing)',
    handlers: (cluster) => [
      http.put('*/v1/nodes/:uid', async ({ request, params }) => {
        const node = cluster.state.nodes[String(params.uid)];
        const b = await body(request);
        return node?.status === 'active' && typeof b.addr === 'string' && b.addr !== node.addr ? new HttpResponse(null, { status: 200 }) : pass();
      }),
    ],
  },
  {
    name: 'policy-rewrites-existing-databases',
    breaks: 'ENC-DATA-005',
    description: 'applies a policy change to existing databases too',
    handlers: (cluster) => [
      http.put('*/v1/cluster/policy', async ({ request }) => {
        const b = await body(request);
        if (typeof b.data_internode_encryption !== 'boolean') return pass();
        for (const db of Object.values(cluster.state.databases)) {
          cluster.execute({ type: 'UpdateDatabase', data: { uid: db.uid, changes: { dataInternodeEncryption: b.data_internode_encryption } } });
        }
        return pass();
      }),
    ],
  },
  {
    name: 'encrypted-by-default',
    breaks: 'ENC-DATA-001',
    description: 'creates databases with data internode encryption on when neither the request nor the policy asks for it',
    handlers: (_cluster, through) => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const b = await body(request);
        if (b.data_internode_encryption !== undefined) return pass();
        return through(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify({ ...b, data_internode_encryption: true }) }));
      }),
    ],
  },
  {
    name: 'assigned-port-reported',
    breaks: 'PORT-DB-006',
    description: 'reports an assigned port in `port` instead of 0',
    handlers: (cluster) => [
      http.get('*/v1/bdbs', () => {
        const dbs = Object.values(cluster.state.databases).map((d) => ({ uid: Number(d.uid), name: d.name, status: d.status, data_internode_encryption: d.dataInternodeEncryption, port: d.port, endpoints: [{ port: d.port }] }));
        return HttpResponse.json(dbs);
      }),
    ],
  },
  {
    name: 'unbound-external-address-refused',
    breaks: 'NODE-ADDR-010',
    description: 'refuses external addresses that are not bound on the host',
    handlers: (cluster) => [
      http.put('*/v1/nodes/:uid', async ({ request, params }) => {
        const node = cluster.state.nodes[String(params.uid)];
        const b = await body(request);
        const bound = node ? cluster.state.hosts[node.hostId]?.boundAddrs ?? [] : [];
        const unbound = Array.isArray(b.external_addr) && b.external_addr.some((a: string) => !bound.includes(a));
        return unbound ? HttpResponse.json({ error_code: 'address_not_bound', description: 'not bound' }, { status: 400 }) : pass();
      }),
    ],
  },
  {
    name: 'last-node-removable',
    breaks: 'NODE-LIFE-004',
    description: 'starts the removal of the last active node',
    handlers: (cluster) => [
      http.post('*/v1/nodes/:uid/actions/remove', ({ params }) => {
        const uid = String(params.uid);
        const others = Object.values(cluster.state.nodes).filter((n) => n.uid !== uid && n.status === 'active');
        if (others.length > 0 || !cluster.state.nodes[uid]) return pass();
        return HttpResponse.json({ name: 'remove_node', node_uid: uid, status: 'running', progress: 0 });
      }),
    ],
  },
];
