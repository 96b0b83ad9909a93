/**
 * Whether a failed request met a server certificate the client does not trust, and what to do
 * about it. The first thing a real cluster (a self-signed certificate) or a TLS-inspecting proxy
 * meets; named as such, with the fix, by the suite, rladmin and the TypeScript reproducer alike.
 * Imports nothing: the reproducer's runtime carries a copy of this file.
 */

/** Node's codes for a server certificate the client does not trust (OpenSSL's verify errors, and Node's name check). */
export const UNTRUSTED_CERTIFICATE_CODES: readonly string[] = [
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
];

/** The fix on the command lines of the suite and rladmin. */
export const TRUST_FIX_OPTIONS = "--ca FILE (the cluster's CA or proxy certificate) or --insecure";

/** The code of a certificate-trust failure, if `error` (or what caused it) is one. */
export function untrustedCertificateCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && UNTRUSTED_CERTIFICATE_CODES.includes(e.code)) return e.code;
  }
  return undefined;
}

/**
 * One line naming a trust failure and its fix, or undefined for any other failure.
 * @param where the request that met it (`GET https://…/v1/cluster`)
 * @param fix how the reader makes the client trust the certificate where they run it
 */
export function untrustedCertificate(error: unknown, where: string, fix: string = TRUST_FIX_OPTIONS): string | undefined {
  const code = untrustedCertificateCode(error);
  if (!code) return undefined;
  return `The target's certificate is not trusted (${code}: ${where}: ${(error as Error).message}): pass ${fix}`;
}
