import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AdvanceClock } from './commands/advanceClock.ts';
import { PowerNode } from './commands/powerNode.ts';
import { SetCertificateAlert } from './commands/setCertificateAlert.ts';
import { Mismatch } from './mismatch.ts';
import type { Mutant } from './mutants/mutant.ts';
import { started } from './testing/started.ts';

/** Logs a node's expiry alert raised only once: after a clear, raising it again leaves no entry. */
const raisedOnce: Mutant = {
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

/** Stores an expiry as something else: the log has no entry for it (nothing else reads otherwise). */
const expiryUnlogged: Mutant = {
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

// Raised (the threshold above the days left), cleared (below them), raised again.
const raiseClearRaise = [new SetCertificateAlert('89'), new AdvanceClock(8), new SetCertificateAlert('30'), new SetCertificateAlert('89')];

describe("the log's expiry alert entries", () => {
  it('[CERT-ALR-001] [CERT-ALR-002] match the model across raise, clear and raise on the mock', async () => {
    const { target, model } = await started();
    try {
      for (const step of raiseClearRaise) await step.run(model, target);
      expect(Object.values(model.state.certificates).every((c) => c.status === 'expiring')).toBe(true);
    } finally {
      await target.close();
    }
  });

  it('catch an alert not logged when it is raised again after a clear', async () => {
    const { target, model } = await started({ mutant: raisedOnce });
    try {
      for (const step of raiseClearRaise.slice(0, 3)) await step.run(model, target);
      const failure = await raiseClearRaise[3]!.run(model, target).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).message).toContain('node_internal_certs_about_to_expire and node_internal_cert_expired entries');
      expect((failure as Mismatch).reqs).toEqual(['CERT-ALR-002']);
    } finally {
      await target.close();
    }
  });

  it('[CERT-EXP-001] catch a certificate expiry the log does not show', async () => {
    const { target, model } = await started({ mutant: expiryUnlogged });
    try {
      await new PowerNode(1, false).run(model, target);
      // Node 2, down, misses every rotation: past 90 days its certificates expire (alert raised too).
      const failure = await new AdvanceClock(95).run(model, target).then(() => undefined, (e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).message).toContain('node_internal_cert_expired entries');
      expect((failure as Mismatch).reqs).toEqual(['CERT-ALR-001', 'CERT-EXP-001']);
      expect(JSON.stringify((failure as Mismatch).expected)).toContain('node 2 expired');
    } finally {
      await target.close();
    }
  });
});
