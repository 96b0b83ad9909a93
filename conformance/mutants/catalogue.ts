import { isIP } from 'node:net';
import { http, HttpResponse } from 'msw';
import { isValidDatabaseName } from '../../domain/rules/names.ts';
import { BELOW_THE_API } from './belowTheApi.ts';
import { CLOCK_EDGES } from './clockEdges.ts';
import { COLLISIONS } from './collisions.ts';
import { CONTROL_BINDS_MALFORMED } from './controlInput.ts';
import { CONCURRENCY } from './concurrency.ts';
import { DURABILITY } from './durability.ts';
import { LOG_ENTRIES } from './logEntries.ts';
import { OBJECT_FIELDS } from './objectFields.ts';
import { UNSENT_INPUTS } from './unsentInputs.ts';
import type { Mutant } from './mutant.ts';

const body = async (request: Request) => (await request.clone().json().catch(() => ({}))) as Record<string, any>;
/** Lets the request through to the mock's own handler. */
const pass = () => undefined;

/**
 * Every broken variant: the API's faults here, those below it in belowTheApi.ts, and those only
 * state-dependent values or checked choices find in collisions.ts.
 */
export const MUTANTS: readonly Mutant[] = [
  {
    name: 'addr-change-on-active-node',
    breaks: 'NODE-ADDR-005',
    description: 'accepts an internal address change on an active node (answers 200, changes nothing)',
    // Only the refusal for an active node is skipped: a malformed or taken address is still
    // refused, so a failure it causes is this requirement's alone.
    handlers: (_cluster, through) => [
      http.put('*/v1/nodes/:uid', async ({ request }) => {
        const answer = await through(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify(await body(request)) }));
        const refused = answer.status === 406 && ((await answer.clone().json().catch(() => ({}))) as { error_code?: string }).error_code === 'node_not_offline';
        return refused ? new HttpResponse(null, { status: 200 }) : answer;
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
    name: 'alert-threshold-ignored',
    needs: ['clock'],
    // First seen in the alert's list of certificates under the threshold (CERT-ALR-004), which
    // every step compares, before the alert's state (CERT-ALR-001) shows it.
    breaks: 'CERT-ALR-004',
    description: 'raises the certificate alert only under 30 days, whatever the threshold',
    handlers: (cluster) => [
      http.get('*/v1/nodes/alerts', () => {
        const s = cluster.state;
        const out: Record<string, unknown> = {};
        for (const n of Object.values(s.nodes)) {
          const state = Object.values(s.certificates).some((c) => c.nodeUid === n.uid && c.notAfter - s.clock < 30 * 86_400_000);
          out[n.uid] = { node_internal_certs_about_to_expire: { enabled: true, state, severity: 'WARNING', change_value: { state, global_threshold: '45', certs_about_to_expire: [] } } };
        }
        return HttpResponse.json(out);
      }),
    ],
  },
  {
    name: 'rotation-with-a-node-down',
    needs: ['power'],
    breaks: 'CERT-ROT-004',
    description: 'answers 200 to a manual rotation while a node is down (rotating the others)',
    handlers: (cluster) => [
      http.post('*/v1/cluster/certificates/rotate', () =>
        Object.values(cluster.state.nodes).some((n) => n.status === 'down') ? new HttpResponse(null, { status: 200 }) : pass(),
      ),
    ],
  },
  {
    name: 'explicit-port-only-in-range',
    breaks: 'PORT-DB-003',
    description: 'refuses an explicit endpoint port outside 10000-19999 even when it is free',
    handlers: () => [
      http.post('*/v1/bdbs', async ({ request }) => {
        const b = await body(request);
        // Port 0 asks for no port (spec/semantics.md, "Port 0"): not outside the range.
        const outside = Number.isInteger(b.port) && b.port !== 0 && (b.port < 10_000 || b.port > 19_999);
        // Checked after the request's other fields (a bad name or uid is still refused as such): only the port rule is wrong.
        // Bodies with documented settings are passed on: a setting refused is still refused as such.
        const otherwiseValid = isValidDatabaseName(b.name) && Number.isSafeInteger(b.memory_size) && b.memory_size > 0 && b.uid === undefined && Object.keys(b).every((k) => ['name', 'memory_size', 'port', 'data_internode_encryption'].includes(k));
        return outside && otherwiseValid ? HttpResponse.json({ error_code: 'port_unavailable', description: 'out of range' }, { status: 406 }) : pass();
      }),
    ],
  },
  {
    name: 'cm-port-not-checked',
    breaks: 'PORT-CM-001',
    description: 'moves cm_port to a port the cluster already uses',
    handlers: (cluster) => [
      http.put('*/v1/cluster', async ({ request }) => {
        const b = await body(request);
        const c = cluster.state.config;
        if (!Number.isInteger(b.cm_port) || ![c.cnmHttpPort, c.cnmHttpsPort].includes(b.cm_port)) return pass();
        return HttpResponse.json({ name: cluster.state.name, cm_port: b.cm_port, cnm_http_port: c.cnmHttpPort, cnm_https_port: c.cnmHttpsPort, http_support: c.httpSupport, alert_settings: {} });
      }),
    ],
  },
  {
    name: 'http-support-ignored',
    breaks: 'PORT-HTTP-002',
    description: 'answers 200 to disabling http_support and keeps it enabled',
    handlers: (cluster) => [
      http.put('*/v1/cluster', async ({ request }) => {
        const b = await body(request);
        if (b.http_support !== false || Object.keys(b).length !== 1) return pass();
        const c = cluster.state.config;
        return HttpResponse.json({ name: cluster.state.name, cm_port: c.cmPort, cnm_http_port: c.cnmHttpPort, cnm_https_port: c.cnmHttpsPort, http_support: false, alert_settings: {} });
      }),
    ],
  },
  {
    name: 'offline-addr-change-refused',
    needs: ['power'],
    breaks: 'NODE-ADDR-005',
    description: 'refuses to change the internal address even while the node is down',
    handlers: (cluster) => [
      http.put('*/v1/nodes/:uid', async ({ request, params }) => {
        const node = cluster.state.nodes[String(params.uid)];
        const b = await body(request);
        const change = node?.status === 'down' && typeof b.addr === 'string' && b.addr !== node.addr;
        // Only an address the cluster would take (its family, well formed, no node's): only this rule is wrong.
        const family = cluster.state.family === 'ipv6' ? 6 : 4;
        const takeable = typeof b.addr === 'string' && isIP(b.addr) === family && !/(^|\.)0\d/.test(b.addr) && !Object.values(cluster.state.nodes).some((n) => n.addr === b.addr || n.externalAddrs.includes(b.addr));
        return change && takeable ? HttpResponse.json({ error_code: 'node_not_offline', description: 'the node must be offline' }, { status: 406 }) : pass();
      }),
    ],
  },
  {
    name: 'ipv6-internal-on-ipv4-cluster',
    needs: ['power'],
    breaks: 'NODE-ADDR-003',
    description: 'takes an IPv6 internal address on a cluster created for IPv4 (node down)',
    handlers: (cluster) => [
      http.put('*/v1/nodes/:uid', async ({ request, params }) => {
        const node = cluster.state.nodes[String(params.uid)];
        const b = await body(request);
        if (node?.status !== 'down' || typeof b.addr !== 'string' || !b.addr.includes(':')) return pass();
        return new HttpResponse(null, { status: 200 });
      }),
    ],
  },
  {
    name: 'leading-zeros-accepted',
    breaks: 'NODE-ADDR-015',
    description: 'reads 010.0.0.5 as 10.0.0.5 instead of refusing the ambiguous form',
    handlers: (_cluster, through) => [
      http.put('*/v1/nodes/:uid', async ({ request }) => {
        const b = await body(request);
        if (typeof b.addr !== 'string' || !/(^|\.)0\d/.test(b.addr)) return pass();
        const fixed = b.addr.replace(/(^|\.)0+(\d)/g, '$1$2');
        return through(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify({ ...b, addr: fixed }) }));
      }),
    ],
  },
  {
    name: 'last-node-removable',
    needs: ['reset'],
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
  ...BELOW_THE_API,
  ...COLLISIONS,
  ...UNSENT_INPUTS,
  ...LOG_ENTRIES,
  ...CLOCK_EDGES,
  ...CONCURRENCY,
  ...DURABILITY,
  ...OBJECT_FIELDS,
  CONTROL_BINDS_MALFORMED,
];
