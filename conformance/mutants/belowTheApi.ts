import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs it.
import * as x509 from '@peculiar/x509';
import { http, HttpResponse } from 'msw';
import type { Plane } from '../../domain/state.ts';
import { createClusterCa, issueNodeCertificate, type ClusterCa } from '../../mock/pki/ca.ts';
import { pemCertificates } from '../checks/nodeCertificates.ts';
import type { Mutant } from './mutant.ts';

const DAY = 86_400_000;

/** Broken variants whose fault lies below the REST API: in the data plane and the PKI. */
export const BELOW_THE_API: readonly Mutant[] = [
  {
    name: 'clients-kept-connected',
    needs: ['data-plane'],
    breaks: 'ENC-DATA-003',
    description: "keeps clients connected across a database's encryption change (its proxy is never restarted)",
    listeners: true,
    // The API answers as specified; only the endpoint never hears that its proxy must restart.
    prepare: (cluster) => {
      const subscribe = cluster.onEvents.bind(cluster);
      cluster.onEvents = (listener) => subscribe((events, state) => listener(events.filter((e) => e.type !== 'DatabaseProxyRestarted'), state));
    },
    handlers: () => [],
  },
  {
    name: 'proxy-restarted-on-any-change',
    needs: ['data-plane'],
    breaks: 'ENC-DATA-003',
    description: "restarts a database's proxy on every change (a rename, its memory), not only on an encryption change",
    listeners: true,
    // The API answers as specified; only the endpoint hears of a restart after every change.
    prepare: (cluster) => {
      const subscribe = cluster.onEvents.bind(cluster);
      cluster.onEvents = (listener) =>
        subscribe((events, state) => {
          const restarted = new Set(events.filter((e) => e.type === 'DatabaseProxyRestarted').map((e) => (e.data as { uid: string }).uid));
          const extra = events
            .filter((e) => e.type === 'DatabaseUpdated' && !restarted.has((e.data as { uid: string }).uid))
            .map((e) => ({ ...e, type: 'DatabaseProxyRestarted' as const, data: { uid: (e.data as { uid: string }).uid, reason: 'data_internode_encryption_changed' as const } }));
          listener([...events, ...extra], state);
        });
    },
    handlers: () => [],
  },
  {
    name: 'year-long-certificates',
    needs: ['reset'],
    breaks: 'CERT-ISS-002',
    description: 'issues node certificates valid for a year instead of 90 days',
    handlers: (_cluster, through) => {
      let ca: Promise<ClusterCa> | undefined;
      return [
        http.get('*/v1/cluster/certificates', async ({ request }) => {
          const real = (await (await through(request)).json()) as Record<string, string>;
          ca ??= createClusterCa('mutant', 1, Date.now());
          const out: Record<string, string> = {};
          for (const [name, bundle] of Object.entries(real)) {
            const pems = pemCertificates(bundle);
            const reissued = await Promise.all(
              pems.map(async (pem, i) => {
                const cert = new x509.X509Certificate(pem);
                const [, uid = String(i + 1), plane = 'control'] = /CN=node (\S+) (\S+) plane/.exec(cert.subject) ?? [];
                const notBefore = cert.notBefore.getTime();
                const issued = await issueNodeCertificate(await ca!, { nodeUid: uid, plane: plane as Plane, serial: 1000 + i, notBefore, notAfter: notBefore + 365 * DAY, addr: '127.0.0.1' });
                return issued.certPem.trim();
              }),
            );
            out[name] = reissued.join('\n');
          }
          return HttpResponse.json(out);
        }),
      ];
    },
  },
];
