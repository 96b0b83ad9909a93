import type { SecureContextOptions, TlsOptions } from 'node:tls';
import { INTERNODE_TLS } from '../../domain/rules/tls.ts';
import type { KeyPairPem } from '../pki/ca.ts';

/**
 * Node TLS options for a node's internode listener: the documented versions and suites and
 * nothing else, presenting the node's control-plane certificate, requiring peers (other nodes)
 * to present one signed by the same cluster CA.
 */
export function internodeTlsOptions(controlPlane: KeyPairPem, caPem: string): TlsOptions & SecureContextOptions {
  return {
    key: controlPlane.keyPem,
    cert: controlPlane.certPem,
    ca: caPem,
    minVersion: INTERNODE_TLS.minVersion,
    maxVersion: INTERNODE_TLS.maxVersion,
    // Node's `ciphers` string carries both the TLS 1.2 list and the TLS 1.3 suites.
    ciphers: [...INTERNODE_TLS.tls13Suites, ...INTERNODE_TLS.tls12Ciphers].join(':'),
    honorCipherOrder: true,
  };
}
