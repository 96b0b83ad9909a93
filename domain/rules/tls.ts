/**
 * The internode encryption channel, as the documents fix it: no setting changes any of this.
 * OpenSSL names for the TLS 1.2 suites (Node's `ciphers` option takes them), IANA names for
 * TLS 1.3 (which OpenSSL uses as is).
 */
export const INTERNODE_TLS = {
  port: 3342,
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  tls12Ciphers: ['ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES128-GCM-SHA256'],
  tls13Suites: ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'],
} as const;
