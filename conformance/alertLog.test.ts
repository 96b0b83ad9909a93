import { describe, expect, it } from 'vitest';
import { AdvanceClock } from './commands/advanceClock.ts';
import { PowerNode } from './commands/powerNode.ts';
import { SetCertificateAlert } from './commands/setCertificateAlert.ts';
import { Mismatch } from './mismatch.ts';
import { expiryUnlogged, raisedOnce } from './testing/logMutants.ts';
import { started } from './testing/started.ts';

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
