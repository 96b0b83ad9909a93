import { once } from 'node:events';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterCa, issueNodeCertificate } from '../../mock/pki/ca.ts';
import { startMockServer, type MockServer } from '../../mock/server/server.ts';
import { runSuite } from '../suite.ts';
import { httpTarget } from '../../api/http.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import type { Target } from '../../api/target.ts';

const credentials = { username: 'u', password: 'p' };
let server: MockServer;
let target: Target;

beforeAll(async () => {
  server = await startMockServer({ credentials, host: '127.0.0.6', httpsPort: 0, httpPort: 0 });
  target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, user: 'u', password: 'p', ca: server.certificatePem });
});
afterAll(async () => {
  await target?.close();
  await server?.close();
});

describe('the internode TLS check', () => {
  it('[ENC-TLS-001] [ENC-TLS-002] [ENC-TLS-003] [ENC-CP-001] passes the mock server\'s listeners', async () => {
    const r = await runSuite(target, { areas: ['internode-tls'] });
    expect(r.areas).toMatchObject([{ name: 'internode-tls', outcome: 'passed' }]);
  });

  it('is reported not run, never passed, on a target without internode-tls', async () => {
    const inProcess = inProcessTarget();
    const r = await runSuite(inProcess, { areas: ['internode-tls'] });
    await inProcess.close();
    expect(r).toMatchObject({ outcome: 'not-run', areas: [{ outcome: 'not-run', notRun: 'needs internode-tls' }] });
  });

  it('catches a listener that also takes TLS 1.1 and ChaCha20', async () => {
    const now = Date.now();
    const ca = await createClusterCa('loose.example.com', 1, now);
    const cert = await issueNodeCertificate(ca, { nodeUid: '1', plane: 'control', serial: 2, notBefore: now, notAfter: now + 90 * 86_400_000, addr: '10.0.0.1' });
    const loose: Server = createServer({ key: cert.keyPem, cert: cert.certPem, minVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }, (s) => s.end());
    loose.on('tlsClientError', () => {});
    loose.listen(0, '127.0.0.6');
    await once(loose, 'listening');
    // The target as it is, except that every node's listener is the loose one.
    const misconfigured: Target = {
      ...target,
      control: async (method, path, body) =>
        /^\/nodes\/\d+\/internode$/.test(path) ? { status: 200, body: { host: '127.0.0.6', port: (loose.address() as { port: number }).port } } : target.control!(method, path, body),
    };
    const r = await runSuite(misconfigured, { areas: ['internode-tls'] });
    loose.close();
    expect(r.outcome).toBe('failed');
    expect(r.failure!.reqs.some((id) => id.startsWith('ENC-TLS-'))).toBe(true);
  });
});
