import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs it.
import * as x509 from '@peculiar/x509';
import { createPublicKey } from 'node:crypto';
import { Mismatch } from '../mismatch.ts';
import type { Answer, Target } from '../../api/target.ts';
import type { Check, Recheck } from './check.ts';
import { narrow } from '../blame.ts';
import { certificateFacts } from '../expected.ts';
import type { Model } from '../model.ts';

const DAY = 86_400_000;
/** The two internal certificates of every node, as `GET /v1/cluster/certificates` names them. */
export const PLANES = ['ccs_internode_encryption_cert', 'data_internode_encryption_cert'] as const;

export interface Issued {
  readonly serial: string;
  readonly days: number;
  /** Epoch milliseconds. */
  readonly notBefore: number;
  readonly notAfter: number;
  /** The signing CA's key identifier: one per cluster. */
  readonly authority: string | undefined;
  readonly selfSigned: boolean;
}

const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');

/** The certificates of a PEM bundle, each as its own PEM. */
export const pemCertificates = (bundle: string): string[] => bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/**
 * Parsed certificates and key identifiers by their PEM text: a recheck reads the same
 * certificates after every step, and the ASN.1 parse was most of its cost. Bounded, as a run
 * reads new certificates after every reset.
 */
const MEMO_SIZE = 512;
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MEMO_SIZE) cache.clear();
    cache.set(key, (value = make()));
  }
  return value;
}
const parsed = new Map<string, Issued>();
const keyIds = new Map<string, Promise<string>>();

function parseCertificate(one: string): Issued {
  const cert = new x509.X509Certificate(one);
  const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension);
  return {
    serial: cert.serialNumber,
    days: (cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY,
    notBefore: cert.notBefore.getTime(),
    notAfter: cert.notAfter.getTime(),
    authority: aki?.keyId,
    selfSigned: cert.subject === cert.issuer,
  };
}

function parseBundle(pem: unknown, label: string): Issued[] {
  if (typeof pem !== 'string') throw new Mismatch(`GET /v1/cluster/certificates: ${label}`, 'a PEM bundle', pem, ['CERT-ISS-001']);
  return pemCertificates(pem).map((one) => memo(parsed, one, () => parseCertificate(one)));
}

export async function readNodeCertificates(target: Target, after: string): Promise<Record<(typeof PLANES)[number], Issued[]>> {
  const answer: Answer = await target.api('GET', '/v1/cluster/certificates');
  if (answer.status !== 200) throw new Mismatch(`GET /v1/cluster/certificates ${after}`, 200, answer.status, ['CERT-ISS-001']);
  const nodes = ((await target.api('GET', '/v1/nodes')).body as unknown[]).length;
  const out = {} as Record<(typeof PLANES)[number], Issued[]>;
  for (const plane of PLANES) {
    const issued = parseBundle(answer.body?.[plane], `${plane} ${after}`);
    if (issued.length !== nodes) throw new Mismatch(`GET /v1/cluster/certificates ${after}: ${plane}`, `${nodes} certificates, one per node`, `${issued.length}`, ['CERT-ISS-001']);
    for (const c of issued) {
      if (Math.abs(c.days - 90) > 1 / 24) throw new Mismatch(`GET /v1/cluster/certificates ${after}: ${plane} serial ${c.serial}`, '90 days of validity', `${c.days.toFixed(2)} days`, ['CERT-ISS-002']);
      if (c.selfSigned) throw new Mismatch(`GET /v1/cluster/certificates ${after}: ${plane} serial ${c.serial}`, 'signed by the cluster CA', 'self-signed', ['CERT-CA-001']);
    }
    out[plane] = issued;
  }
  const authorities = new Set(PLANES.flatMap((p) => out[p].map((c) => c.authority)));
  if (authorities.size !== 1 || authorities.has(undefined)) {
    throw new Mismatch(`GET /v1/cluster/certificates ${after}`, 'every node certificate signed by the one cluster CA (one authority key identifier)', [...authorities], ['CERT-CA-001']);
  }
  // A cluster may serve the key of a certificate of its own (`<name>_key`), never its CA's.
  const ca = [...authorities][0];
  if ((await keyIdentifiers(answer.body)).includes(ca!)) {
    throw new Mismatch(`GET /v1/cluster/certificates ${after}`, "no private key of the cluster's CA", 'the CA private key', ['CERT-CA-002']);
  }
  return out;
}

/** The key identifiers (RFC 5280, SHA-1 of the public key) of the private keys in an answer. */
async function keyIdentifiers(body: unknown): Promise<string[]> {
  const strings = typeof body === 'object' && body !== null ? Object.values(body).filter((v): v is string => typeof v === 'string') : [];
  const pems = strings.flatMap((s) => s.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g) ?? []);
  return Promise.all(
    pems.map((pem) =>
      memo(keyIds, pem, async () => {
        const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
        return hex(await new x509.PublicKey(spki).getKeyIdentifier());
      }),
    ),
  );
}

const serials = (r: Record<string, Issued[]>) => Object.values(r).flat().map((c) => c.serial);
const authority = (r: Record<string, Issued[]>) => Object.values(r).flat()[0]?.authority;

/** How far a certificate's times may lie from the model's: the target's clock was read once, at the start. */
const CLOCK_SLACK_MS = 3_600_000;
const NAMES = { control: 'ccs_internode_encryption_cert', data: 'data_internode_encryption_cert' } as const;
/** What a sequence last saw of each certificate: the model's serial then, and the target's. */
type Seen = Map<string, { readonly model: number; readonly target: string }>;

/** The certificates as the target shows them now, against the model (see `certificateRecheck`). */
async function compare(target: Target, model: Model, when: string, focus: readonly string[]): Promise<void> {
  const shown = await readNodeCertificates(target, when);
  const facts = certificateFacts(model.state);
  const seen = ((model.shown.get('certificates') as Seen | undefined) ?? new Map()) as Seen;
  const next: Seen = new Map();
  for (const plane of ['control', 'data'] as const) {
    const name = NAMES[plane];
    const where = (uid: string) => `GET /v1/cluster/certificates ${when}: ${name} of node ${model.targetNode(uid)}`;
    if (shown[name].length !== facts[plane].length) {
      throw new Mismatch(`GET /v1/cluster/certificates ${when}: ${name}`, `${facts[plane].length} certificates, one per node`, shown[name].length, narrow(['CERT-ISS-001'], focus));
    }
    facts[plane].forEach((f, i) => {
      const c = shown[name][i]!;
      if (Math.abs(c.notBefore - f.notBefore) > CLOCK_SLACK_MS) {
        throw new Mismatch(where(f.nodeUid), { notBefore: new Date(f.notBefore).toISOString() }, { notBefore: new Date(c.notBefore).toISOString(), serial: c.serial }, narrow(['CERT-ISS-002', 'CERT-ROT-001', 'CERT-ROT-003'], focus));
      }
      const before = seen.get(`${plane}/${f.nodeUid}`);
      if (before && (before.model !== f.serial) !== (before.target !== c.serial)) {
        const expected = before.model !== f.serial ? 'reissued (a new serial)' : `kept (serial ${before.target})`;
        throw new Mismatch(where(f.nodeUid), expected, `serial ${c.serial}`, narrow(['CERT-ROT-001', 'CERT-ROT-002', 'CERT-ROT-003', 'CERT-ROT-004'], focus));
      }
      next.set(`${plane}/${f.nodeUid}`, { model: f.serial, target: c.serial });
    });
  }
  model.shown.set('certificates', next);
}

/**
 * The certificates against the model after a step that changes them: as the check reads them
 * (one per node per plane, 90 days, the cluster CA, no CA key), each issued when the model says
 * (in node order), and replaced exactly where the model replaced one since the sequence last saw
 * them (a serial is the target's to choose: only whether it changed is compared).
 */
export const certificateRecheck: Recheck = {
  events: ['CertificateIssued', 'CertificateExpired', 'ClockAdvanced', 'NodeJoined', 'NodeRemoved'],
  costly: true,
  reqs: ['CERT-ISS-001', 'CERT-ISS-002', 'CERT-CA-001', 'CERT-CA-002', 'CERT-ROT-001', 'CERT-ROT-002', 'CERT-ROT-003', 'CERT-ROT-004'],
  async before(target: Target, model: Model): Promise<void> {
    if (!model.shown.has('certificates')) await compare(target, model, 'before the step', []);
  },
  verify: (target, model, after, focus) => compare(target, model, `after ${after}`, focus),
};

/**
 * The nodes' internal certificates as the API shows them: one per node per plane, each valid
 * 90 days, all signed by the cluster's own CA, never a private key; a manual rotation reissues
 * every one; a new cluster has a new CA.
 */
export const nodeCertificates: Check = {
  name: 'node-certificates',
  title: 'Node certificates: one per plane, 90 days, the cluster CA, manual rotation',
  needs: ['reset'],
  reqs: ['CERT-ISS-001', 'CERT-ISS-002', 'CERT-CA-001', 'CERT-CA-002', 'CERT-ROT-003'],
  recheck: certificateRecheck,
  async run(target: Target): Promise<void> {
    await target.control!('POST', '/reset', {});
    const first = await readNodeCertificates(target, 'after a reset');
    const rotate = await target.api('POST', '/v1/cluster/certificates/rotate');
    if (rotate.status >= 300) throw new Mismatch('POST /v1/cluster/certificates/rotate with every node up', 'accepted', rotate, ['CERT-ROT-003']);
    const rotated = await readNodeCertificates(target, 'after a manual rotation');
    const kept = serials(rotated).filter((s) => serials(first).includes(s));
    if (kept.length) throw new Mismatch('GET /v1/cluster/certificates after a manual rotation', 'every certificate reissued (new serials)', `serials kept: ${kept.join(', ')}`, ['CERT-ROT-003']);
    await target.control!('POST', '/reset', {});
    const next = await readNodeCertificates(target, 'after a second reset');
    if (authority(next) === authority(first)) {
      throw new Mismatch('GET /v1/cluster/certificates after a second reset', 'a new cluster CA (another authority key identifier)', `the same CA ${authority(first)}`, ['CERT-CA-001']);
    }
  },
};
