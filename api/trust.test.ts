import { describe, expect, it } from 'vitest';
import { TRUST_FIX_OPTIONS, UNTRUSTED_CERTIFICATE_CODES, untrustedCertificate, untrustedCertificateCode } from './trust.ts';

const failure = (code: string | undefined, message = 'boom', cause?: unknown) => Object.assign(new Error(message), code ? { code } : {}, cause ? { cause } : {});

describe('naming a certificate the client does not trust', () => {
  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])(
    'names %s as a trust failure with the fix',
    (code) => {
      expect(UNTRUSTED_CERTIFICATE_CODES).toContain(code);
      expect(untrustedCertificate(failure(code, 'self-signed certificate'), 'GET https://c:9443/v1/cluster')).toBe(
        `The target's certificate is not trusted (${code}: GET https://c:9443/v1/cluster: self-signed certificate): pass ${TRUST_FIX_OPTIONS}`,
      );
    },
  );

  it('says nothing of any other failure: a refused connection, a reset, a time-out, an error without a code', () => {
    for (const e of [failure('ECONNREFUSED'), failure('ECONNRESET'), failure('ETIMEDOUT'), failure(undefined), 'a string', undefined]) {
      expect(untrustedCertificate(e, 'GET x')).toBeUndefined();
    }
  });

  it('finds the code on what caused the error (a wrapped failure) and takes the fix where the reader runs it', () => {
    const wrapped = failure(undefined, 'fetch failed', failure('SELF_SIGNED_CERT_IN_CHAIN'));
    expect(untrustedCertificateCode(wrapped)).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(untrustedCertificate(wrapped, 'GET x', 'INSECURE=1')).toMatch(/\(SELF_SIGNED_CERT_IN_CHAIN: GET x: fetch failed\): pass INSECURE=1$/);
  });
});
