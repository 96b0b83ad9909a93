import 'reflect-metadata';
import { AuthorityKeyIdentifierExtension, X509Certificate } from '@peculiar/x509';
import { createPrivateKey, createPublicKey, X509Certificate as NodeX509Certificate, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { connect as tcpConnect, createServer as createTcpServer, type Server } from 'node:net';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { startMockServer, type MockServer } from '../server/server.ts';

// Every REST API answer these tests receive over the wire is checked against spec/openapi.yaml.
const conforms = responseValidator();

// Its own loopback address: other test files' servers bind endpoint ports on 127.0.0.1.
const HOST = '127.0.0.3';
const credentials = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from('admin@example.com:secret').toString('base64')}`;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ credentials, host: HOST, httpsPort: 0, httpPort: 0, settleMs: 20 });
});
afterAll(() => server?.close());

function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.httpsUrl}${path}`, { method, ca: server.certificatePem, headers: { authorization: AUTH, 'content-type': 'application/json' }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const pathname = new URL(path, 'https://x').pathname;
        if (pathname.startsWith('/v1/')) expect(conforms(method, pathname, res.statusCode!, text)).toEqual([]);
        resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const pems = (bundle: string) => bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** The certificate a listener presents, as DER, or the handshake error. */
function presented(port: number): Promise<Buffer | string> {
  return new Promise((resolve) => {
    const s = tlsConnect({ host: HOST, port, rejectUnauthorized: false, timeout: 5000 });
    s.once('secureConnect', () => {
      resolve(s.getPeerCertificate().raw);
      s.end();
    });
    s.once('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message));
    s.once('timeout', () => s.destroy(new Error('timeout')));
  });
}

async function holdPort(port: number): Promise<Server> {
  const foreign = createTcpServer((s) => s.destroy());
  foreign.listen(port, HOST);
  await once(foreign, 'listening');
  return foreign;
}

async function until(check: () => Promise<boolean> | boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('the real parts behind the model', () => {
  it('[CERT-CA-002] [CERT-ISS-001] serves every node\'s two internal certificates, each service\'s certificate with its key, and not the CA', async () => {
    const r = await api('GET', '/v1/cluster/certificates');
    const planes = ['ccs_internode_encryption_cert', 'data_internode_encryption_cert'];
    const services = ['api_cert', 'cm_cert', 'metrics_exporter_cert', 'proxy_cert', 'syncer_cert'];
    const keys = services.map((name) => name.replace(/_cert$/, '_key'));
    expect(Object.keys(r.body).sort()).toEqual([...planes, ...services, ...keys].sort());
    // A private key only where the real API gives one: beside its service's certificate, and the pair's.
    for (const [field, value] of Object.entries(r.body as Record<string, string>)) if (!keys.includes(field)) expect(value, field).not.toMatch(/PRIVATE KEY/);
    const spki = (k: KeyObject) => k.export({ type: 'spki', format: 'der' }).toString('hex');
    for (const name of services) {
      const key = r.body[name.replace(/_cert$/, '_key')] as string;
      expect(spki(createPublicKey(createPrivateKey(key))), name).toBe(spki(new NodeX509Certificate(r.body[name]).publicKey));
    }
    // Each service has one certificate, signed by the same CA as the nodes'.
    const issuer = new X509Certificate(pems(r.body.ccs_internode_encryption_cert)[0]!).issuer;
    for (const name of services) expect(pems(r.body[name]).map((p) => new X509Certificate(p).issuer)).toEqual([issuer]);
    expect((await api('GET', '/v1/cluster')).body).toMatchObject({ proxy_certificate: r.body.proxy_cert, syncer_certificate: r.body.syncer_cert });
    for (const bundle of planes.map((p) => r.body[p]) as string[]) {
      const certs = pems(bundle).map((p) => new X509Certificate(p));
      expect(certs).toHaveLength(3);
      for (const c of certs) {
        expect(c.notAfter.getTime() - c.notBefore.getTime()).toBe(90 * 86_400_000);
        expect(c.issuer).not.toBe(c.subject); // signed by the CA, which itself is not in the answer
      }
      expect(new Set(certs.map((c) => c.issuer)).size).toBe(1);
    }
  });

  it('[ENC-CP-001] [CERT-ROT-003] each node\'s internode listener presents its current control-plane certificate', async () => {
    const at = (await api('GET', '/control/v1/nodes/2/internode')).body;
    expect(at).toMatchObject({ host: HOST, port: expect.any(Number) });
    const node2 = async () => pems((await api('GET', '/v1/cluster/certificates')).body.ccs_internode_encryption_cert)[1]!;
    const before = new X509Certificate(await node2());
    expect(Buffer.from((await presented(at.port)) as Buffer)).toEqual(Buffer.from(before.rawData));

    expect((await api('POST', '/v1/cluster/certificates/rotate')).status).toBe(200);
    const after = new X509Certificate(await node2());
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(await until(async () => Buffer.from((await presented(at.port)) as Buffer).equals(Buffer.from(after.rawData)))).toBe(true);
  });

  it('[NODE-LIFE-001] a node that is down has no internode listener until it is back', async () => {
    const at = (await api('GET', '/control/v1/nodes/3/internode')).body;
    await api('POST', '/control/v1/nodes/3/power', { state: 'down' });
    expect((await api('GET', '/control/v1/nodes/3/internode')).status).toBe(409);
    expect(await until(async () => (await presented(at.port)) === 'ECONNREFUSED')).toBe(true);
    await api('POST', '/control/v1/nodes/3/power', { state: 'up' });
    const again = (await api('GET', '/control/v1/nodes/3/internode')).body;
    expect(typeof (await presented(again.port))).not.toBe('string');
  });

  it('[ENC-DATA-003] [ENC-DATA-002] an encryption change drops every client of the database; its data stays', async () => {
    const db = (await api('POST', '/v1/bdbs', { name: 'cache', memory_size: 1 })).body;
    expect(await until(async () => (await api('GET', `/v1/bdbs/${db.uid}`)).body.status === 'active')).toBe(true);
    const at = (await api('GET', `/control/v1/bdbs/${db.uid}/endpoint`)).body;
    expect(at.port).toBe(db.endpoints[0].port);
    const clients = [0, 1, 2].map(() => new Redis({ host: at.host, port: at.port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false }));
    await Promise.all(clients.map((c) => c.connect()));
    expect(await clients[0]!.set('k', 'v')).toBe('OK');
    const closed = clients.map((c) => once(c, 'end'));

    expect((await api('PUT', `/v1/bdbs/${db.uid}`, { data_internode_encryption: true })).status).toBe(200);
    await Promise.all(closed);
    const fresh = new Redis({ host: at.host, port: at.port, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    expect(await fresh.get('k')).toBe('v');
    fresh.disconnect();
  });

  it('[PORT-DB-002] [PORT-DB-003] a port another process holds on the machine is never given to a database', async () => {
    const next = (await api('POST', '/v1/bdbs?dry_run=1', { name: 'probe', memory_size: 1 })).body.endpoints[0].port;
    const foreign = await holdPort(next);
    try {
      expect((await api('POST', '/v1/bdbs', { name: 'explicit', memory_size: 1, port: next })).body.error_code).toBe('port_unavailable');
      const auto = (await api('POST', '/v1/bdbs', { name: 'auto', memory_size: 1 })).body;
      expect(auto.endpoints[0].port).toBeGreaterThan(next);
    } finally {
      foreign.close();
    }
  });

  it('[PORT-CM-001] cm_port cannot move to a port another process holds', async () => {
    const foreign = await holdPort(0);
    const port = (foreign.address() as { port: number }).port;
    try {
      expect((await api('PUT', '/v1/cluster', { cm_port: port })).body.error_code).toBe('bad_nginx_conf');
    } finally {
      foreign.close();
    }
    expect((await api('PUT', '/v1/cluster', { cm_port: port })).status).toBe(200);
  });

  it('the control protocol holds a port with a real listener', async () => {
    expect((await api('GET', '/control/v1/capabilities')).body.capabilities).toEqual(expect.arrayContaining(['internode-tls', 'data-plane']));
    expect((await api('POST', '/control/v1/ports/18001')).status).toBe(200);
    const connected = () => new Promise<boolean>((r) => tcpConnect(18001, HOST).once('connect', () => r(true)).once('error', () => r(false)));
    expect(await connected()).toBe(true);
    expect((await api('DELETE', '/control/v1/ports/18001')).status).toBe(200);
    expect(await connected()).toBe(false);
  });

  // Last: it resets the cluster.
  it("a database's port the cluster has just let go is not mistaken for another process's", async () => {
    const created = await api('POST', '/v1/bdbs', { name: 'kept', memory_size: 1, port: 18123 });
    expect(created.status).toBe(200);
    expect(await until(async () => server.cluster.edge?.endpoint(String(created.body.uid)) !== undefined)).toBe(true);
    // New certificates keep the internode listeners busy while the reset lets the port go.
    expect((await api('POST', '/v1/cluster/certificates/rotate')).status).toBe(200);
    expect((await api('POST', '/control/v1/reset', {})).status).toBe(200);
    const again = await api('POST', '/v1/bdbs', { name: 'again', memory_size: 1, port: 18123 });
    expect(again).toMatchObject({ status: 200 });
  });

  it('[CERT-CA-001] a reset makes a new CA, and no certificate of the new cluster has a key of the old one', async () => {
    const keys = async () => {
      const certs = Object.values((await api('GET', '/v1/cluster/certificates')).body as Record<string, string>).flatMap(pems).map((p) => new X509Certificate(p));
      const authority = certs.map((c) => c.getExtension(AuthorityKeyIdentifierExtension)!.keyId!);
      return { authority: new Set(authority), subjects: certs.map((c) => Buffer.from(c.publicKey.rawData).toString('hex')) };
    };
    const before = await keys();
    expect((await api('POST', '/control/v1/reset', {})).status).toBe(200);
    const after = await keys();
    expect(before.authority.size).toBe(1);
    expect(after.authority.size).toBe(1);
    expect([...after.authority]).not.toEqual([...before.authority]);
    const all = [...before.subjects, ...after.subjects];
    // Six node certificates and five services' a cluster, every one its own key.
    expect(all).toHaveLength(22);
    expect(new Set(all).size).toBe(22);
  });
});
