import { describe, expect, it } from 'vitest';
import type { Model } from '../model.ts';
import { SetCertificateAlert, ThresholdAround } from './setCertificateAlert.ts';

const DAY = 86_400_000;
/** A model whose certificates have these many days left (and a bit of the day gone). */
const withDaysLeft = (...left: number[]) =>
  ({ state: { clock: 0, certificates: Object.fromEntries(left.map((d, i) => [`${i}:control`, { notAfter: d * DAY - 60_000 }])) } }) as unknown as Model;

describe('a threshold around the days left', () => {
  it('[CERT-ALR-002] lies a day past the oldest certificate: above raises its alert, below clears every one', () => {
    const m = withDaysLeft(82, 90);
    expect(new ThresholdAround('above').days(m)).toBe('83');
    expect(new ThresholdAround('below').days(m)).toBe('80');
  });

  it('stays in the allowed 1-89 days', () => {
    expect(new ThresholdAround('above').days(withDaysLeft(90))).toBe('89');
    expect(new ThresholdAround('below').days(withDaysLeft(1.5))).toBe('89');
    expect(new ThresholdAround('above').days(withDaysLeft())).toBe('45');
  });

  it('is sent as the API spells it and named by its value in a counterexample', () => {
    const command = new SetCertificateAlert(new ThresholdAround('above'));
    const spec = command.step(withDaysLeft(82));
    expect(spec.request.body).toEqual({ alert_settings: { node_internal_certs_about_to_expire: { enabled: true, threshold: '83' } } });
    expect(spec.commands).toEqual([{ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 83 } } }]);
    expect(String(command)).toBe('SetCertificateAlert(threshold "83" = above the days left)');
  });
});
