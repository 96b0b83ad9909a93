import { X509Certificate } from 'node:crypto';
import { INTERNODE_TLS } from '../../domain/rules/tls.ts';
import { Mismatch } from '../mismatch.ts';
import type { Target } from '../../api/target.ts';
import type { Check, Recheck } from './check.ts';
import { narrow } from '../blame.ts';
import { certificateFacts } from '../expected.ts';
import type { Model } from '../model.ts';
import { handshake } from '../../api/handshake.ts';
import { locateActive, remember, verifyClosed } from './internodeClosed.ts';

const REQS = ['ENC-CP-001', 'ENC-TLS-001', 'ENC-TLS-002', 'ENC-TLS-003', 'CERT-ISS-002'];
/** TLS 1.2 suites a peer might offer that the documents do not list. */
const UNDOCUMENTED_12 = ['ECDHE-RSA-CHACHA20-POLY1305', 'AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA256'];
const DAY = 86_400_000;

/** OpenSSL's name of a TLS 1.2 suite as Node reports the negotiated one (IANA). */
const iana = (openssl: string) => openssl.replace(/^ECDHE-RSA-AES(\d+)-GCM-SHA(\d+)$/, 'TLS_ECDHE_RSA_WITH_AES_$1_GCM_SHA$2');

/** How far the presented certificate's issue time may lie from the model's (the target's clock was read once). */
const CLOCK_SLACK_MS = 3_600_000;

/**
 * After a step that reissues certificates or adds a node: every active node's listener presents
 * the control-plane certificate the model has now (issued when the model says, 90 days), and
 * still takes a handshake. After one that takes a node down or removes it: that node's listener,
 * where it was seen before the step, is closed.
 */
const presentsCurrent: Recheck = {
  events: ['CertificateIssued', 'NodeJoined', 'NodeWentDown', 'NodeRemovalStarted', 'NodeRemoved'],
  reqs: ['ENC-CP-001', 'CERT-ISS-002', 'CERT-ROT-001', 'CERT-ROT-003', 'NODE-LIFE-001', 'NODE-LIFE-002'],
  costly: true,
  before: locateActive,
  async verify(target: Target, model: Model, after: string, focus: readonly string[]): Promise<void> {
    const control = certificateFacts(model.state).control;
    for (const n of Object.values(model.state.nodes).filter((x) => x.status === 'active')) {
      const uid = model.targetNode(n.uid);
      const at = await target.control!('GET', `/nodes/${uid}/internode`);
      if (at.status !== 200) throw new Mismatch(`node ${uid} after ${after}: where its internode listener is`, 200, at, narrow(['ENC-CP-001'], focus));
      remember(model, n.uid, at.body);
      const r = await handshake(at.body.host, at.body.port, { rejectUnauthorized: false });
      if (!r.ok) throw new Mismatch(`node ${uid} after ${after}: a handshake with no restriction`, { accepted: true }, { refused: r.error }, narrow(['ENC-CP-001'], focus));
      const cert = new X509Certificate(r.raw);
      const expected = control.find((c) => c.nodeUid === n.uid);
      if (expected && Math.abs(Date.parse(cert.validFrom) - expected.notBefore) > CLOCK_SLACK_MS) {
        throw new Mismatch(`node ${uid} after ${after}: the certificate its internode listener presents`, { issued: new Date(expected.notBefore).toISOString() }, { issued: cert.validFrom, serial: cert.serialNumber }, narrow(['CERT-ROT-001', 'CERT-ROT-003', 'CERT-ISS-002'], focus));
      }
    }
    await verifyClosed(model, after);
  },
};

/**
 * Every node's internode listener (port 3342 on a real node) accepts exactly the documented
 * versions and suites, and presents a certificate valid for 90 days.
 */
export const internodeTls: Check = {
  name: 'internode-tls',
  title: 'Internode encryption: TLS versions, cipher suites and node certificates',
  needs: ['internode-tls'],
  reqs: REQS,
  recheck: presentsCurrent,
  async run(target: Target): Promise<void> {
    const nodes = ((await target.api('GET', '/v1/nodes')).body as { uid: number; status: string }[]).filter((n) => n.status === 'active');
    for (const node of nodes) {
      const at = await target.control!('GET', `/nodes/${node.uid}/internode`);
      if (at.status !== 200) throw new Mismatch(`node ${node.uid}: where its internode listener is`, 200, at, ['ENC-CP-001']);
      const { host, port } = at.body as { host: string; port: number };
      const expect = async (label: string, options: Parameters<typeof handshake>[2], accepted: boolean, cipher?: string, reqs = REQS) => {
        const r = await handshake(host, port, options);
        const ok = accepted ? r.ok && (!cipher || r.cipher === cipher) : !r.ok;
        if (!ok) throw new Mismatch(`node ${node.uid}: ${label}`, accepted ? { accepted: true, cipher } : { refused: true }, r.ok ? { accepted: true, protocol: r.protocol, cipher: r.cipher } : { refused: r.error }, reqs);
        return r;
      };
      for (const suite of INTERNODE_TLS.tls12Ciphers) await expect(`TLS 1.2 with ${suite}`, { maxVersion: 'TLSv1.2', ciphers: suite, rejectUnauthorized: false }, true, iana(suite), ['ENC-TLS-001']);
      for (const suite of UNDOCUMENTED_12) await expect(`TLS 1.2 with ${suite}`, { maxVersion: 'TLSv1.2', ciphers: suite, rejectUnauthorized: false }, false, undefined, ['ENC-TLS-001']);
      for (const suite of INTERNODE_TLS.tls13Suites) await expect(`TLS 1.3 with ${suite}`, { minVersion: 'TLSv1.3', ciphers: suite, rejectUnauthorized: false }, true, suite, ['ENC-TLS-002']);
      await expect('TLS 1.3 with TLS_CHACHA20_POLY1305_SHA256', { minVersion: 'TLSv1.3', ciphers: 'TLS_CHACHA20_POLY1305_SHA256', rejectUnauthorized: false }, false, undefined, ['ENC-TLS-002']);
      for (const v of ['TLSv1', 'TLSv1.1'] as const) await expect(v, { minVersion: v, maxVersion: v, ciphers: 'DEFAULT@SECLEVEL=0', rejectUnauthorized: false }, false, undefined, ['ENC-TLS-003']);
      const any = await expect('a handshake with no restriction', { rejectUnauthorized: false }, true, undefined, ['ENC-CP-001']);
      if (any.ok) {
        const cert = new X509Certificate(any.raw);
        const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY;
        if (Math.abs(days - 90) > 1) throw new Mismatch(`node ${node.uid}: validity of its control-plane certificate`, '90 days', `${days} days`, ['CERT-ISS-002']);
      }
    }
  },
};
