import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs it.
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import type { Plane } from '../../domain/state.ts';
import { KEY_ALGORITHM as ALGORITHM, keyPool } from './keyPool.ts';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
const CA_VALIDITY_DAYS = 3650;
const DAY_MS = 86_400_000;

export interface KeyPairPem {
  readonly certPem: string;
  /** PKCS#8. Never leaves the cluster: stored with owner-only permissions, never served. */
  readonly keyPem: string;
}

export interface IssuedCertificate extends KeyPairPem {
  readonly certificate: x509.X509Certificate;
}

export interface ClusterCa extends IssuedCertificate {
  readonly privateKey: CryptoKey;
}

/** Serial numbers are positive: a leading byte >= 0x80 would read as negative in DER. */
const serialHex = (serial: number) => serial.toString(16).padStart(2, '0').replace(/^([89a-f])/, '0$1');

interface Request {
  readonly subject: string;
  readonly serial: number;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Signs with this CA; without one the certificate signs itself. */
  readonly issuer?: ClusterCa;
  readonly isCa?: boolean;
  readonly altNames?: readonly x509.JsonGeneralName[];
}

/**
 * One certificate and its new key: the single place certificates are made. The key was made
 * ahead of need and is this certificate's alone (the pool hands each pair out once).
 */
async function makeCertificate(req: Request): Promise<IssuedCertificate & { privateKey: CryptoKey }> {
  // Every certificate its own key, never one another certificate or cluster had.
  const keys = await keyPool.take();
  const extensions: x509.Extension[] = req.isCa
    ? [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ]
    : [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      ];
  if (req.altNames?.length) extensions.push(new x509.SubjectAlternativeNameExtension([...req.altNames]));
  // Key identifiers (RFC 5280 4.2.1.1-2): a verifier, and the conformance suite, can tell which CA
  // signed a certificate even when two clusters' CAs bear the same name.
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never));
  if (req.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(req.issuer.certificate as never));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex(req.serial),
    subject: req.subject,
    issuer: req.issuer ? req.issuer.certificate.subject : req.subject,
    notBefore: new Date(req.notBefore),
    notAfter: new Date(req.notAfter),
    signingKey: (req.issuer?.privateKey ?? keys.privateKey) as never,
    publicKey: keys.publicKey as never,
    signingAlgorithm: ALGORITHM,
    extensions,
  });
  const keyPem = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { certificate, certPem: certificate.toString('pem'), keyPem, privateKey: keys.privateKey };
}

/** A new private CA for one cluster: its own key, used nowhere else. */
export function createClusterCa(clusterName: string, serial: number, now: number): Promise<ClusterCa> {
  return makeCertificate({
    subject: `CN=${clusterName} internal CA, O=Redis Enterprise mock`,
    serial,
    notBefore: now,
    notAfter: now + CA_VALIDITY_DAYS * DAY_MS,
    isCa: true,
  });
}

export interface NodeCertificateRequest {
  readonly nodeUid: string;
  readonly plane: Plane;
  readonly serial: number;
  readonly notBefore: number;
  readonly notAfter: number;
  /** The node's internal address, put in the subject alternative name. */
  readonly addr: string;
}

/** One node's certificate for one plane, signed by the cluster CA, with the model's validity. */
export async function issueNodeCertificate(ca: ClusterCa, req: NodeCertificateRequest): Promise<IssuedCertificate> {
  const { certificate, certPem, keyPem } = await makeCertificate({
    subject: `CN=node ${req.nodeUid} ${req.plane} plane`,
    serial: req.serial,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    issuer: ca,
    altNames: [{ type: 'ip', value: req.addr }],
  });
  return { certificate, certPem, keyPem };
}

/** The cluster's services that hold a certificate of their own, as the certificates API names them. */
export const SERVICE_CERT_NAMES = ['api', 'cm', 'metrics_exporter', 'proxy', 'syncer'] as const;
export type ServiceCertName = (typeof SERVICE_CERT_NAMES)[number];

/**
 * The services' certificates, signed by the cluster CA for its validity, each with a key of its
 * own from the pool (a reset with the pool warm pays no key generation for them).
 */
export async function issueServiceCertificates(ca: ClusterCa, clusterName: string): Promise<Record<ServiceCertName, KeyPairPem>> {
  const issued = await Promise.all(
    SERVICE_CERT_NAMES.map((name, i) =>
      makeCertificate({
        subject: `CN=${clusterName}, OU=${name}, O=Redis Enterprise mock`,
        // Apart from the node certificates' serials, which count up from the CA's.
        serial: 0x7f00_0000 + i,
        notBefore: ca.certificate.notBefore.getTime(),
        notAfter: ca.certificate.notAfter.getTime(),
        issuer: ca,
        // As a real cluster's: the FQDN and its wildcard, so that the proxy's certificate names
        // every database endpoint (`redis-<port>.<fqdn>`) a TLS client dials.
        altNames: [
          { type: 'dns', value: clusterName },
          { type: 'dns', value: `*.${clusterName}` },
        ],
      }),
    ),
  );
  return Object.fromEntries(SERVICE_CERT_NAMES.map((name, i) => [name, { certPem: issued[i]!.certPem, keyPem: issued[i]!.keyPem }])) as Record<ServiceCertName, KeyPairPem>;
}

/** The REST API's own certificate: self-signed, for the names and addresses the server answers on. */
export async function selfSignedApiCertificate(names: { dns: readonly string[]; ips: readonly string[] }, now: number, days = 365): Promise<IssuedCertificate> {
  const { certificate, certPem, keyPem } = await makeCertificate({
    subject: 'CN=Redis Enterprise mock cluster API',
    serial: Math.floor(now / 1000),
    notBefore: now - DAY_MS,
    notAfter: now + days * DAY_MS,
    altNames: [...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ips.map((value) => ({ type: 'ip' as const, value }))],
  });
  return { certificate, certPem, keyPem };
}

/** A CA saved earlier (its certificate and PKCS#8 key, as PEM). */
export async function loadClusterCa(certPem: string, keyPem: string): Promise<ClusterCa> {
  const certificate = new x509.X509Certificate(certPem);
  const der = x509.PemConverter.decode(keyPem)[0]!;
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALGORITHM, true, ['sign']);
  return { certificate, certPem, keyPem, privateKey };
}
