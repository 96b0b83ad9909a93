import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants/catalogue.ts';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';

// The checks pass the unbroken mock; the broken variants that target them are in mutants.test.ts.
describe('the checks against the mock', () => {
  it('[ENC-DATA-003] [ENC-DATA-005] [ENC-DATA-007] data-plane passes with real endpoints in-process, and is not run without them', async () => {
    const withEndpoints = inProcessTarget({ listeners: true });
    const r = await runSuite(withEndpoints, { areas: ['data-plane'] });
    await withEndpoints.close();
    expect(r.areas).toEqual([expect.objectContaining({ name: 'data-plane', outcome: 'passed' })]);

    const bare = inProcessTarget();
    const none = await runSuite(bare, { areas: ['data-plane'] });
    await bare.close();
    expect(none).toMatchObject({ outcome: 'not-run', areas: [{ outcome: 'not-run', notRun: 'needs data-plane' }] });
  });

  it('[CERT-ISS-002] [CERT-CA-001] [CERT-CA-002] node-certificates passes the mock in-process, where its PKI is real', async () => {
    const target = inProcessTarget();
    const r = await runSuite(target, { areas: ['node-certificates'] });
    await target.close();
    expect(r.areas).toEqual([expect.objectContaining({ name: 'node-certificates', outcome: 'passed' })]);
  });

  it('names the requirement a failing check breaks', async () => {
    const target = inProcessTarget({ mutant: MUTANTS.find((m) => m.name === 'year-long-certificates')! });
    const r = await runSuite(target, { areas: ['node-certificates'] });
    await target.close();
    expect(r.failure).toMatchObject({ reqs: ['CERT-ISS-002'], error: expect.stringMatching(/90 days of validity[\s\S]*365\.00 days/) });
  });
});

describe('node-certificates reading a certificates answer', () => {
  const DAY = 86_400_000;
  async function answerWith(key: 'ca' | 'node') {
    const { createClusterCa, issueNodeCertificate } = await import('../../mock/pki/ca.ts');
    const now = Date.UTC(2026, 0, 1);
    const ca = await createClusterCa('c', 1, now);
    const leaf = (plane: 'control' | 'data', serial: number) => issueNodeCertificate(ca, { nodeUid: '1', plane, serial, notBefore: now, notAfter: now + 90 * DAY, addr: '10.0.0.1' });
    const [cp, dp] = [await leaf('control', 2), await leaf('data', 3)];
    const body = { ccs_internode_encryption_cert: cp.certPem, ccs_internode_encryption_key: key === 'ca' ? ca.keyPem : cp.keyPem, data_internode_encryption_cert: dp.certPem };
    return {
      description: 'a fixed answer',
      api: async (_m: string, path: string) => (path === '/v1/nodes' ? { status: 200, body: [{ uid: 1 }] } : { status: 200, body }),
      close: async () => undefined,
    };
  }

  it('[CERT-CA-002] takes a served key of a node certificate, and refuses the CA key', async () => {
    const { readNodeCertificates } = await import('./nodeCertificates.ts');
    await expect(readNodeCertificates(await answerWith('node'), 'now')).resolves.toBeDefined();
    await expect(readNodeCertificates(await answerWith('ca'), 'now')).rejects.toMatchObject({ reqs: ['CERT-CA-002'] });
  });
});

describe('a check read again inside the sequences', () => {
  it('[CERT-ROT-003] the certificate recheck catches a rotation that answers 200 and reissues nothing, naming that rule', async () => {
    const { http, HttpResponse } = await import('msw');
    const lazyRotation = {
      name: 'rotation-reissues-nothing',
      breaks: 'CERT-ROT-003',
      description: 'answers a manual rotation and keeps every certificate',
      handlers: () => [http.post('*/v1/cluster/certificates/rotate', () => HttpResponse.json({}, { status: 200 }))],
    };
    const target = inProcessTarget({ mutant: lazyRotation });
    const r = await runSuite(target, { areas: ['certificates'], seed: 4, runs: 10, maxCommands: 6, recheckSequences: 100 });
    await target.close();
    expect(r.outcome).toBe('failed');
    // Shrunk to a rotation of both planes or of one (the same broken request, with or without a body).
    expect(r.failure!.error).toMatch(/GET \/v1\/cluster\/certificates after Rotate(Certificates|Plane)\([^)]*\)[\s\S]*reissued/);
    expect(r.failure!.reqs).toEqual(['CERT-ROT-003']);
  });
});
