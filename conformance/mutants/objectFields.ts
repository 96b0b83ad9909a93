import { http, HttpResponse } from 'msw';
import { pemCertificates } from '../checks/nodeCertificates.ts';
import { PLANE_CERT_NAMES } from '../../domain/rules/rotation.ts';
import type { Mutant } from './mutant.ts';

/** The mock's own answer to a GET, as JSON, with the caller's credentials. */
async function own(through: (request: Request) => Promise<Response>, request: Request, suffix = ''): Promise<any> {
  const url = new URL(request.url);
  url.pathname += suffix;
  return (await through(new Request(url, { method: 'GET', headers: request.headers }))).json();
}

/**
 * Broken variants in the fields an object carries beside the ones the model decides field by
 * field: what a cluster lists as its own ports, how long its nodes have been up, whether they use internal IPv6, which names its
 * services' certificates carry, what its cluster alert shows.
 */
export const OBJECT_FIELDS: readonly Mutant[] = [
  {
    name: 'reserved-list-only-api-ports',
    breaks: 'PORT-TBL-003',
    description: "lists only the configured API and UI ports in system_reserved_ports, none of the port tables' fixed ports",
    handlers: (cluster, through) => [
      http.get('*/v1/cluster', async ({ request }) => {
        const c = cluster.state.config;
        return HttpResponse.json({ ...(await own(through, request)), system_reserved_ports: [c.cnmHttpPort, c.cmPort, c.cnmHttpsPort].sort((a, b) => a - b) });
      }),
    ],
  },
  {
    name: 'uptime-in-milliseconds',
    // The in-process mock's time stands still between clock moves: its uptime, counted a
    // thousand times over, grows only when the clock moves (a real cluster's grows with time).
    needs: ['clock'],
    breaks: 'NODE-LIFE-008',
    description: "reports a node's uptime in milliseconds",
    handlers: (_cluster, through) => [
      http.get('*/v1/nodes', async ({ request }) => {
        const nodes = (await own(through, request)) as any[];
        return HttpResponse.json(nodes.map((n) => ({ ...n, uptime: n.uptime * 1000 })));
      }),
    ],
  },
  {
    name: 'nodes-report-internal-ipv6',
    breaks: 'NODE-ADDR-013',
    description: 'reports use_internal_ipv6 true on every node, whatever the cluster was created for',
    handlers: (_cluster, through) => [
      http.get('*/v1/nodes', async ({ request }) => {
        const nodes = (await own(through, request)) as any[];
        return HttpResponse.json(nodes.map((n) => ({ ...n, use_internal_ipv6: true })));
      }),
    ],
  },
  {
    name: 'cluster-alerts-empty',
    breaks: 'CERT-ALR-004',
    description: 'answers GET /v1/cluster/alerts with no alert in it',
    handlers: () => [http.get('*/v1/cluster/alerts', () => HttpResponse.json({}))],
  },
  {
    name: 'cluster-alert-shows-node-alert-setting',
    breaks: 'CERT-ALR-002',
    description: "shows the node alert's setting (enabled, threshold) as the cluster alert's",
    handlers: (cluster, through) => [
      http.get('*/v1/cluster/alerts', async ({ request }) => {
        const alerts = await own(through, request);
        const { enabled, thresholdDays } = cluster.state.alerts.nodeInternalCertsAboutToExpire;
        const a = alerts.cluster_certs_about_to_expire;
        const threshold = String(thresholdDays);
        return HttpResponse.json({ ...alerts, cluster_certs_about_to_expire: { ...a, enabled, threshold, change_value: { ...a.change_value, global_threshold: threshold } } });
      }),
    ],
  },
  {
    name: 'cluster-alert-over-internal-certificates',
    // A node's certificate gets under the cluster's threshold only when it is not rotated: its
    // node down across a clock move.
    needs: ['clock', 'power'],
    breaks: 'CERT-ALR-005',
    description: "lists the nodes' internal certificates below its threshold in the cluster alert, and holds on them",
    handlers: (cluster, through) => [
      http.get('*/v1/cluster/alerts', async ({ request }) => {
        const alerts = await own(through, request);
        const s = cluster.state;
        const a = alerts.cluster_certs_about_to_expire;
        const { enabled, thresholdDays } = s.alerts.clusterCertsAboutToExpire;
        const internal = Object.values(s.certificates)
          .filter((c) => c.notAfter - s.clock < thresholdDays * 86_400_000)
          .map((c) => ({ node_uid: c.nodeUid, name: PLANE_CERT_NAMES[c.plane], days_left: Math.floor((c.notAfter - s.clock) / 86_400_000) }));
        const listed = [...a.change_value.certs_about_to_expire, ...internal];
        const state = enabled && listed.length > 0;
        return HttpResponse.json({ ...alerts, cluster_certs_about_to_expire: { ...a, state, severity: state ? 'WARNING' : 'INFO', change_value: { ...a.change_value, state, certs_about_to_expire: listed } } });
      }),
    ],
  },
  {
    name: 'proxy-certificate-of-a-node',
    breaks: 'CERT-SVC-001',
    description: "shows a node's internal certificate (its address its only name) as the proxy's certificate",
    handlers: (_cluster, through) => [
      http.get('*/v1/cluster', async ({ request }) => {
        const certificates = await own(through, request, '/certificates');
        const [internal] = pemCertificates(String(certificates.ccs_internode_encryption_cert ?? ''));
        return HttpResponse.json({ ...(await own(through, request)), proxy_certificate: internal ?? '' });
      }),
    ],
  },
];
