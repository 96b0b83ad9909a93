import { once } from 'node:events';
import { createServer, type ConnectionOptions, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handshake as shake } from '../../api/handshake.ts';
import { INTERNODE_TLS } from '../../domain/rules/tls.ts';
import { createClusterCa, issueNodeCertificate, type ClusterCa } from '../pki/ca.ts';
import { internodeTlsOptions } from './internode.ts';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const handshake = (port: number, options: ConnectionOptions) => shake('127.0.0.1', port, options);

describe('the internode TLS listener', () => {
  let ca: ClusterCa;
  let otherCa: ClusterCa;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // Issued now: a TLS client checks validity against the real clock, not the model's.
    const now = Date.now();
    [ca, otherCa] = await Promise.all([createClusterCa('a.example.com', 1, now), createClusterCa('b.example.com', 1, now)]);
    const control = await issueNodeCertificate(ca, { nodeUid: '1', plane: 'control', serial: 2, notBefore: now, notAfter: now + 90 * DAY, addr: '10.0.0.1' });
    server = createServer(internodeTlsOptions(control, ca.certPem), (s) => s.end());
    server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server?.close());

  it.each(INTERNODE_TLS.tls13Suites)('[ENC-TLS-002] accepts TLS 1.3 with %s', async (suite) => {
    const r = await handshake(port, { ca: ca.certPem, minVersion: 'TLSv1.3', ciphers: suite });
    expect(r).toMatchObject({ ok: true, protocol: 'TLSv1.3', cipher: suite });
  });

  it('[ENC-TLS-002] refuses the TLS 1.3 suite it does not document', async () => {
    const r = await handshake(port, { ca: ca.certPem, minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256' });
    expect(r.ok).toBe(false);
  });

  it.each(INTERNODE_TLS.tls12Ciphers)('[ENC-TLS-001] accepts TLS 1.2 with %s', async (cipher) => {
    const r = await handshake(port, { ca: ca.certPem, maxVersion: 'TLSv1.2', ciphers: cipher });
    expect(r).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(r.ok && r.cipher).toBe(cipher.replace(/^ECDHE-RSA-AES(\d+)-GCM-SHA(\d+)$/, 'TLS_ECDHE_RSA_WITH_AES_$1_GCM_SHA$2'));
  });

  it.each(['ECDHE-RSA-CHACHA20-POLY1305', 'AES128-GCM-SHA256', 'AES256-SHA256', 'ECDHE-RSA-AES128-SHA256', 'DHE-RSA-AES256-GCM-SHA384'])(
    '[ENC-TLS-001] refuses TLS 1.2 with %s',
    async (cipher) => {
      expect((await handshake(port, { ca: ca.certPem, maxVersion: 'TLSv1.2', ciphers: cipher })).ok).toBe(false);
    },
  );

  it.each(['TLSv1', 'TLSv1.1'] as const)('[ENC-TLS-003] refuses %s', async (version) => {
    const r = await handshake(port, { ca: ca.certPem, minVersion: version, maxVersion: version, ciphers: 'DEFAULT@SECLEVEL=0' });
    expect(r.ok).toBe(false);
  });

  it('[ENC-TLS-006] negotiates TLS 1.3 with a peer that offers it', async () => {
    expect(await handshake(port, { ca: ca.certPem })).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('[ENC-CP-001] presents the node\'s control-plane certificate, which the cluster CA verifies', async () => {
    const r = await handshake(port, { ca: ca.certPem, rejectUnauthorized: true });
    expect(r).toMatchObject({ ok: true, subject: 'node 1 control plane' });
  });

  it('[CERT-CA-003] [CERT-CA-001] another cluster\'s CA does not verify it: certificates are not shared between clusters', async () => {
    const r = await handshake(port, { ca: otherCa.certPem, rejectUnauthorized: true });
    expect(r.ok).toBe(false);
    expect(otherCa.certPem).not.toBe(ca.certPem);
    expect(otherCa.keyPem).not.toBe(ca.keyPem);
  });

  it('[CERT-ISS-002] [CERT-ISS-001] a node certificate carries the model\'s 90 days and the node\'s internal address', async () => {
    const data = await issueNodeCertificate(ca, { nodeUid: '2', plane: 'data', serial: 3, notBefore: T0, notAfter: T0 + 90 * DAY, addr: '10.0.0.2' });
    expect(data.certificate.notBefore.getTime()).toBe(T0);
    expect(data.certificate.notAfter.getTime() - data.certificate.notBefore.getTime()).toBe(90 * DAY);
    expect(data.certificate.issuer).toBe(ca.certificate.subject);
    expect(await data.certificate.verify({ publicKey: ca.certificate.publicKey, signatureOnly: true })).toBe(true);
    expect(data.certificate.subject).toContain('node 2 data plane');
  });
});
