import { X509Certificate } from 'node:crypto';
import type { Comparison } from './comparison.ts';

export const SERVICE_NAME_REQS = ['CERT-SVC-001'] as const;

/** Parsed by PEM text: the same certificates are read after every step. Bounded, as resets make new ones. */
const parsed = new Map<string, X509Certificate | null>();
function parse(pem: string): X509Certificate | null {
  let c = parsed.get(pem);
  if (c === undefined) {
    if (parsed.size >= 64) parsed.clear();
    try {
      c = new X509Certificate(pem);
    } catch {
      c = null;
    }
    parsed.set(pem, c);
  }
  return c;
}

/** The services' certificates the cluster object shows (`proxy_certificate`, `syncer_certificate`), by the field each is in. */
const SHOWN = [
  ['proxy_certificate', 'proxy'],
  ['syncer_certificate', 'syncer'],
] as const;

/**
 * The services' certificates GET /v1/cluster shows, by the name the certificates API and the
 * cluster alert give them, with when each expires: what `cluster_certs_about_to_expire` weighs,
 * as far as the cluster object shows it. One not made yet (an empty string) or unreadable is left
 * out: the names check above reports an unreadable one.
 */
export function shownServiceCertificates(cluster: any): { name: string; notAfter: number }[] {
  return SHOWN.flatMap(([field, name]) => {
    const pem = cluster?.[field];
    const cert = typeof pem === 'string' && pem !== '' ? parse(pem) : null;
    return cert ? [{ name, notAfter: Date.parse(cert.validTo) }] : [];
  });
}

/** A certificate's DNS names (its subject alternative names of type DNS), lower case. */
const dnsNames = (c: X509Certificate): string[] =>
  (c.subjectAltName ?? '')
    .split(', ')
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4).toLowerCase());

/**
 * Whether a certificate's DNS names cover a host: the name itself, or a wildcard for its first
 * label (RFC 6125). Matched here rather than by OpenSSL's host check, which refuses a wildcard
 * over a one-label name: a lab cluster named `docker-cluster` shows `*.docker-cluster`.
 */
function covers(c: X509Certificate, host: string): boolean {
  const h = host.toLowerCase();
  const names = dnsNames(c);
  return names.includes(h) || (h.includes('.') && names.includes(`*.${h.slice(h.indexOf('.') + 1)}`));
}

/**
 * The services' certificates the cluster object carries (CERT-SVC-001): the proxy's, which a
 * database endpoint presents, names the cluster's FQDN and every endpoint's DNS name, so that a
 * TLS client checking the host it dialled accepts it; the syncer's names the FQDN. An empty
 * string is a certificate not made yet (spec/objects.md), and is not compared.
 */
export function compareServiceCertificates(c: Comparison, cluster: any, endpointNames: readonly string[]): void {
  const fqdn = String(cluster?.name ?? '');
  const certificates: readonly [string, readonly string[]][] = [
    ['proxy_certificate', [fqdn, ...endpointNames]],
    ['syncer_certificate', [fqdn]],
  ];
  for (const [field, hosts] of certificates) {
    const pem = cluster?.[field];
    if (pem === '' || pem === undefined) continue;
    const cert = typeof pem === 'string' ? parse(pem) : null;
    for (const host of new Set(hosts)) {
      const named = 'names it';
      c.fact('GET /v1/cluster', `${field} for ${host}`, named, cert ? (covers(cert, host) ? named : `names ${cert.subjectAltName ?? 'nothing'}`) : pem, SERVICE_NAME_REQS);
    }
  }
}
