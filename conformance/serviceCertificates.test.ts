import { describe, expect, it } from 'vitest';
import { createClusterCa, issueNodeCertificate, issueServiceCertificates } from '../mock/pki/ca.ts';
import { Mismatch } from './mismatch.ts';
import { Comparison } from './comparison.ts';
import { compareServiceCertificates, shownServiceCertificates } from './serviceCertificates.ts';
import { haveSamples, readSample, SAMPLES_SKIP_REASON } from '../spec/samples.ts';

const NOW = Date.UTC(2026, 11, 2);
const compare = (cluster: object, endpoints: string[] = []) => compareServiceCertificates(new Comparison('a step'), cluster, endpoints);

describe("[CERT-SVC-001] the services' certificates name the cluster and its endpoints", async () => {
  const ca = await createClusterCa('cluster.mock.local', 1, NOW);
  const services = await issueServiceCertificates(ca, 'cluster.mock.local');
  const node = await issueNodeCertificate(ca, { nodeUid: '1', plane: 'control', serial: 2, notBefore: NOW, notAfter: NOW + 1e9, addr: '10.0.0.1' });
  const cluster = { name: 'cluster.mock.local', proxy_certificate: services.proxy.certPem, syncer_certificate: services.syncer.certPem };

  it("holds of the mock's: the FQDN, and every endpoint through the wildcard", () => {
    expect(() => compare(cluster, ['redis-12000.cluster.mock.local', 'redis-20001.CLUSTER.mock.local'])).not.toThrow();
  });

  it('sees a certificate that does not name an endpoint, or the cluster', () => {
    expect(() => compare(cluster, ['redis-12000.other.local'])).toThrow(/proxy_certificate for redis-12000.other.local/);
    // Only one label is covered by a wildcard.
    expect(() => compare(cluster, ['a.redis-12000.cluster.mock.local'])).toThrow(Mismatch);
    expect(() => compare({ ...cluster, proxy_certificate: node.certPem }, [])).toThrow(/names IP Address:10.0.0.1/);
    expect(() => compare({ ...cluster, syncer_certificate: 'not a certificate' })).toThrow(/syncer_certificate/);
  });

  it('leaves a certificate not made yet (an empty string) uncompared', () => {
    expect(() => compare({ name: 'cluster.mock.local', proxy_certificate: '', syncer_certificate: '' }, ['redis-12000.cluster.mock.local'])).not.toThrow();
  });

  it.skipIf(!haveSamples())(`holds of a real cluster's answer (${SAMPLES_SKIP_REASON} otherwise)`, () => {
    const real = JSON.parse(readSample('cluster.json'));
    expect(() => compare(real, [`redis-12000.${real.name}`])).not.toThrow();
    // What the cluster alert is judged by (conformance/alertObjects.ts): both, with their expiry.
    const shown = shownServiceCertificates(real);
    expect(shown.map((c) => c.name)).toEqual(['proxy', 'syncer']);
    expect(shown.every((c) => Number.isFinite(c.notAfter))).toBe(true);
  });

  it('shows nothing of a certificate not made yet, or unreadable', () => {
    expect(shownServiceCertificates({ proxy_certificate: '', syncer_certificate: 'not a certificate' })).toEqual([]);
    expect(shownServiceCertificates(undefined)).toEqual([]);
  });
});
