import { http, HttpResponse } from 'msw';
import type { Mutant } from '../mutants/mutant.ts';

/**
 * Variants of the in-process mock whose log leaves out certificate entries: as a target whose stored
 * certificate state is wrong, seen only in the log (conformance/alertLog.ts).
 */

/** Logs a node's expiry alert raised only once: after a clear, raising it again leaves no entry. */
export const raisedOnce: Mutant = {
  name: 'alert-raised-once',
  breaks: 'CERT-ALR-002',
  description: 'does not log an expiry alert raised again after it was cleared (the stored alert stays raised)',
  handlers: (_cluster, through) => [
    http.get('*/v1/logs', async ({ request }) => {
      const entries = (await (await through(request)).json()) as { type?: string; node_uid?: unknown; state?: unknown; name?: unknown }[];
      const cleared = new Set<string>();
      const kept = entries.filter((e) => {
        if (e.type !== 'node_internal_certs_about_to_expire') return true;
        const cert = `${String(e.node_uid)} ${String(e.name)}`;
        if (e.state === false) cleared.add(cert);
        return !(e.state === true && cleared.has(cert));
      });
      return HttpResponse.json(kept);
    }),
  ],
};

/** Logs no certificate expiry: as a target that stored an expiry as something else (only the log shows it). */
export const expiryUnlogged: Mutant = {
  name: 'expiry-unlogged',
  breaks: 'CERT-EXP-001',
  description: 'does not log a node certificate that expired',
  handlers: (_cluster, through) => [
    http.get('*/v1/logs', async ({ request }) => {
      const entries = (await (await through(request)).json()) as { type?: string }[];
      return HttpResponse.json(entries.filter((e) => e.type !== 'node_internal_cert_expired'));
    }),
  ],
};
