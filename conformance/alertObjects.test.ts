import { describe, expect, it } from 'vitest';
import { createClusterCa, issueServiceCertificates } from '../mock/pki/ca.ts';
import { clusterAlertsView } from '../mock/api/views/alerts.ts';
import { initialState } from '../domain/state.ts';
import { Comparison } from './comparison.ts';
import { compareAlertObject, thresholdSide, type AlertExpectation } from './alertObjects.ts';
import { clusterAlertExpectation } from './expected.ts';
import { shownServiceCertificates } from './serviceCertificates.ts';
import { Mismatch } from './mismatch.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 2);
const setting = { enabled: true, thresholdDays: 45 };

/** Compares one alert; the requirements of the first fact that differs, or none. */
function failure(alert: unknown, e: Partial<AlertExpectation> = {}): readonly string[] | undefined {
  const expectation: AlertExpectation = { setting, clock: NOW, known: [], raiseReqs: ['CERT-ALR-006'], foreign: () => undefined, ...e };
  try {
    compareAlertObject(new Comparison('a step'), 'GET /v1/cluster/alerts', 'cluster_certs_about_to_expire', alert, expectation);
    return undefined;
  } catch (err) {
    if (!(err instanceof Mismatch)) throw err;
    return err.reqs;
  }
}

/** A real cluster's answer (the facts sheet's, [F:cluster_alerts.json]): nothing about to expire. */
const REAL = { change_time: '2026-11-20T10:00:00Z', change_value: { certs_about_to_expire: [], global_threshold: '45', state: false }, enabled: true, severity: 'INFO', state: false };
const raised = (names: string[]) => ({ enabled: true, state: true, severity: 'WARNING', threshold: '45', change_value: { state: true, global_threshold: '45', certs_about_to_expire: names.map((name) => ({ name, expires: '', days_left: 10 })) } });
const cert = (name: string, daysLeft: number) => ({ name, notAfter: NOW + daysLeft * DAY });

describe('[CERT-ALR-004] [CERT-ALR-002] [CERT-ALR-005] [CERT-ALR-006] an alert object compared with what can be predicted of it', () => {
  it("holds of a real cluster's answer, with no threshold field of its own", () => {
    expect(failure(REAL)).toBeUndefined();
    expect(failure(REAL, { known: [cert('proxy', 300), cert('syncer', 300)] })).toBeUndefined();
  });

  it('sees an alert not answered, or not an object', () => {
    expect(failure(undefined)).toEqual(['CERT-ALR-004']);
    expect(failure('off')).toEqual(['CERT-ALR-004']);
  });

  it("sees settings that are not the alert's", () => {
    expect(failure({ ...REAL, enabled: false })).toEqual(['CERT-ALR-002']);
    expect(failure({ ...REAL, change_value: { ...REAL.change_value, global_threshold: '30' } })).toEqual(['CERT-ALR-002']);
    expect(failure({ ...REAL, threshold: '30' })).toEqual(['CERT-ALR-002']);
    expect(failure({ ...REAL, threshold: '45' })).toBeUndefined();
  });

  it('sees a state that is not a boolean, or that its change, severity or list contradict', () => {
    expect(failure({ ...REAL, state: 'false' })).toEqual(['CERT-ALR-004']);
    expect(failure({ ...REAL, change_value: { ...REAL.change_value, state: true } })).toEqual(['CERT-ALR-004']);
    expect(failure({ ...REAL, severity: 'WARNING' })).toEqual(['CERT-ALR-004']);
    expect(failure({ ...REAL, change_value: { ...REAL.change_value, certs_about_to_expire: {} } })).toEqual(['CERT-ALR-004']);
    // Held with nothing listed, or something listed and not held, while enabled.
    expect(failure({ ...REAL, state: true, severity: 'WARNING', change_value: { ...REAL.change_value, state: true } })).toEqual(['CERT-ALR-004']);
    expect(failure({ ...raised(['api']), state: false, severity: 'INFO', change_value: { ...raised(['api']).change_value, state: false } })).toEqual(['CERT-ALR-004']);
    expect(failure(raised(['api']))).toBeUndefined();
  });

  it('leaves a disabled alert\'s state to the target, beside its list', () => {
    const off = { ...setting, enabled: false };
    expect(failure({ ...raised(['api']), enabled: false }, { setting: off })).toBeUndefined();
    expect(failure({ ...REAL, enabled: false }, { setting: off, known: [cert('proxy', 10)] })).toEqual(['CERT-ALR-006']);
  });

  it('sees a known certificate on the wrong side of the threshold, and not one within a day of it', () => {
    // Below: listed and held; above: not listed.
    expect(failure(REAL, { known: [cert('proxy', 10)] })).toEqual(['CERT-ALR-006']);
    expect(failure(raised(['proxy']), { known: [cert('proxy', 10)] })).toBeUndefined();
    expect(failure(raised(['proxy']), { known: [cert('proxy', 100)] })).toEqual(['CERT-ALR-006']);
    // Listed under the name the certificates API gives it: another name is not this certificate.
    expect(failure(raised(['api']), { known: [cert('proxy', 10)] })).toEqual(['CERT-ALR-006']);
    // A clock that ran for a few hours may put it either side.
    expect(failure(REAL, { known: [cert('proxy', 44.5)] })).toBeUndefined();
    expect(failure(raised(['proxy']), { known: [cert('proxy', 45.5)] })).toBeUndefined();
    expect(thresholdSide(NOW + 43.9 * DAY, NOW, 45)).toBe('below');
    expect(thresholdSide(NOW + 46.1 * DAY, NOW, 45)).toBe('above');
    expect(thresholdSide(NOW + 44.1 * DAY, NOW, 45)).toBeUndefined();
  });

  it("sees the other alert's certificate listed", () => {
    const e = clusterAlertExpectation(initialState(), []);
    expect(failure(raised(['ccs_internode_encryption']), { foreign: e.foreign })).toEqual(['CERT-ALR-005']);
    expect(failure({ ...raised(['api']), change_value: { ...raised([]).change_value, certs_about_to_expire: [{ name: 'api', node_uid: '1' }] } }, { foreign: e.foreign })).toEqual(['CERT-ALR-005']);
    expect(failure(raised(['api']), { foreign: e.foreign })).toBeUndefined();
  });

  it("holds of the mock's cluster alert over its services' certificates, as GET /v1/cluster shows them", async () => {
    const ca = await createClusterCa('cluster.mock.local', 1, NOW);
    const services = await issueServiceCertificates(ca, 'cluster.mock.local');
    const shown = shownServiceCertificates({ proxy_certificate: services.proxy.certPem, syncer_certificate: services.syncer.certPem });
    expect(shown.map((c) => c.name)).toEqual(['proxy', 'syncer']);
    const validity = { notBefore: NOW, notAfter: Date.parse(ca.certificate.notAfter.toISOString()) };
    const weighed = ['api', 'cm', 'proxy', 'syncer'].map((name) => ({ name, ...validity }));
    // Now, and with the clock moved to five days before they expire under a threshold of 30 days (listed, held).
    for (const clock of [NOW, validity.notAfter - 5 * DAY]) {
      const s = { ...initialState(), clock, alerts: { ...initialState().alerts, clusterCertsAboutToExpire: { enabled: true, thresholdDays: 30 } } };
      const view = clusterAlertsView(s, weighed).cluster_certs_about_to_expire;
      expect(view.state).toBe(clock !== NOW);
      expect(failure(view, { ...clusterAlertExpectation(s, shown), clock })).toBeUndefined();
      // The same answer with its state cleared: seen once a shown certificate is below.
      const cleared = { ...view, state: false, severity: 'INFO', change_value: { ...view.change_value, state: false, certs_about_to_expire: [] } };
      expect(failure(cleared, clusterAlertExpectation(s, shown))).toEqual(clock === NOW ? undefined : ['CERT-ALR-006']);
    }
  });
});
