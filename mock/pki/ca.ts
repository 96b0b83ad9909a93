import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 handlers through tsyringe, which needs it.
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import type { Plane } from '../../core/state.ts';

x509.cryptoProvider.set(webcrypto as never);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** RSA, because the documented TLS 1.2 suites are ECDHE-RSA. */
const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const CA_VALIDITY_DAYS = 3650;
const DAY_MS = 86_400_000;

export interface KeyPairPem {
  readonly certPem: string;
  /** PKCS#8. Never leaves the cluster: stored with owner-only permissions, never served. */
  readonly keyPem: string;
}

export interface ClusterCa extends KeyPairPem {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: CryptoKey;
}

const serialHex = (serial: number) => serial.toString(16).padStart(2, '0').replace(/^([89a-f])/, '0$1');

async function exportKey(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** A new private CA for one cluster: its own key, used nowhere else. */
export async function createClusterCa(clusterName: string, serial: number, now: number): Promise<ClusterCa> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialHex(serial),
    name: `CN=${clusterName} internal CA, O=Redis Enterprise mock`,
    notBefore: new Date(now),
    notAfter: new Date(now + CA_VALIDITY_DAYS * DAY_MS),
    keys: keys as never,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { certificate, privateKey: keys.privateKey, certPem: certificate.toString('pem'), keyPem: await exportKey(keys.privateKey) };
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
export async function issueNodeCertificate(ca: ClusterCa, req: NodeCertificateRequest): Promise<KeyPairPem & { certificate: x509.X509Certificate }> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex(req.serial),
    subject: `CN=node ${req.nodeUid} ${req.plane} plane`,
    issuer: ca.certificate.subject,
    notBefore: new Date(req.notBefore),
    notAfter: new Date(req.notAfter),
    signingKey: ca.privateKey as never,
    publicKey: keys.publicKey as never,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: req.addr }]),
    ],
  });
  return { certificate, certPem: certificate.toString('pem'), keyPem: await exportKey(keys.privateKey) };
}
