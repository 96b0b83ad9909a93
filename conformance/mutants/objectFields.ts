import { http, HttpResponse } from 'msw';
import { pemCertificates } from '../checks/nodeCertificates.ts';
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
 * services' certificates carry.
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
