import { http, HttpResponse } from 'msw';
import type { CertificateState } from '../../domain/state.ts';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Mutant } from './mutant.ts';

const DAY_MS = 86_400_000;

/**
 * A cluster that judges a certificate as if the clock were `by` ms further on whenever it is
 * moved exactly onto `edge` of one (a `<` read as `<=`, a `>` as `>=`): the move is handed on
 * shifted, and answered with the time asked for. Only a read at the exact edge tells.
 */
function judgedPastEdge(edge: (c: CertificateState, cluster: MockCluster) => number, by: number) {
  return (cluster: MockCluster, through: (request: Request) => Promise<Response>) => [
    http.post('*/control/v1/clock', async ({ request }) => {
      const body = (await request.clone().json().catch(() => ({}))) as { now?: unknown };
      const now = typeof body.now === 'string' ? Date.parse(body.now) : Number.NaN;
      if (!Object.values(cluster.state.certificates).some((c) => edge(c, cluster) === now)) return undefined;
      const answer = await through(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify({ now: new Date(now + by).toISOString() }) }));
      return answer.ok ? HttpResponse.json({ now: body.now }) : answer;
    }),
  ];
}

/** `GET /v1/nodes/alerts` with each listed certificate's `days_left` rounded up (a part of a day counted whole). */
function daysLeftRoundedUp(cluster: MockCluster, through: (request: Request) => Promise<Response>) {
  return [
    http.get('*/v1/nodes/alerts', async ({ request }) => {
      const answer = await through(request);
      if (!answer.ok) return answer;
      const body = (await answer.json()) as Record<string, { node_internal_certs_about_to_expire?: { change_value?: { certs_about_to_expire?: { expires: string; days_left: number }[] } } }>;
      for (const node of Object.values(body)) {
        for (const c of node.node_internal_certs_about_to_expire?.change_value?.certs_about_to_expire ?? []) c.days_left = Math.ceil((Date.parse(c.expires) - cluster.state.clock) / DAY_MS);
      }
      return HttpResponse.json(body);
    }),
  ];
}

/** Broken variants of a time threshold at its very edge, caught only where the clock stands still (`still-clock`). */
export const CLOCK_EDGES: readonly Mutant[] = [
  {
    name: 'expires-at-not-after',
    needs: ['clock', 'reset', 'still-clock'],
    // First seen where the clock stands still at the edge: the alert lists the certificate with
    // days_left -1 where 0 is due (CERT-ALR-004, "negative once expired"), before its status.
    breaks: 'CERT-ALR-004',
    description: 'counts a certificate expired at its notAfter, not only past it (X.509 counts notAfter itself valid)',
    handlers: judgedPastEdge((c) => c.notAfter, 1),
  },
  {
    name: 'alert-at-threshold',
    needs: ['clock', 'reset', 'still-clock'],
    breaks: 'CERT-ALR-001',
    description: 'raises the certificate alert with exactly the threshold left, not only below it',
    handlers: judgedPastEdge((c, cluster) => c.notAfter - cluster.state.alerts.nodeInternalCertsAboutToExpire.thresholdDays * DAY_MS, 1),
  },
  {
    name: 'days-left-rounded-up',
    needs: ['clock', 'reset', 'still-clock'],
    breaks: 'CERT-ALR-004',
    description: "lists a certificate about to expire with its days left rounded up (44.5 days: 45), not down",
    handlers: daysLeftRoundedUp,
  },
];
