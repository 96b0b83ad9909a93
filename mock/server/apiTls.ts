import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSignedApiCertificate } from '../pki/ca.ts';

/** The API's TLS key and certificate (self-signed: the certificate is its own CA). */
export interface ApiTls {
  readonly keyPem: string;
  readonly certPem: string;
}

/**
 * The API's certificate: made at start, or — with a data directory — made once and kept there
 * (`api-key.pem`, `api-cert.pem`), so that a mock restarted on its data (after a crash, by its
 * supervisor) presents the same certificate and a client's `--ca` stays valid.
 */
export async function apiTls(names: { dns: readonly string[]; ips: readonly string[] }, dataDir?: string): Promise<ApiTls> {
  const key = dataDir && join(dataDir, 'api-key.pem');
  const cert = dataDir && join(dataDir, 'api-cert.pem');
  if (key && cert && existsSync(key) && existsSync(cert)) return { keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8') };
  const made = await selfSignedApiCertificate(names, Date.now());
  if (dataDir && key && cert) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // The certificate last: a crash between the two leaves no certificate without its key.
    writeFileSync(key, made.keyPem, { mode: 0o600 });
    writeFileSync(cert, made.certPem);
  }
  return { keyPem: made.keyPem, certPem: made.certPem };
}
