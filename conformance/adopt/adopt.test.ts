import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/server/server.ts';
import { httpTarget } from '../../api/http.ts';
import type { Target } from '../../api/target.ts';
import { conformance, startConformance } from '../testing/cli.ts';

const CREDENTIALS = { username: 'ops@example.com', password: 'secret' };

/** Everything an operator would notice changed, read through the REST API. */
async function snapshot(target: Target) {
  const [bdbs, cluster, policy, nodes] = await Promise.all(['/v1/bdbs', '/v1/cluster', '/v1/cluster/policy', '/v1/nodes'].map((p) => target.api('GET', p)));
  return {
    bdbs: (bdbs!.body as any[]).map((d) => ({ uid: d.uid, name: d.name, port: d.port, endpoint: d.endpoints?.[0]?.port, encryption: d.data_internode_encryption, memory: d.memory_size, status: d.status })),
    cluster: { cm_port: cluster!.body.cm_port, cnm_http_port: cluster!.body.cnm_http_port, cnm_https_port: cluster!.body.cnm_https_port, http_support: cluster!.body.http_support, alerts: cluster!.body.alert_settings },
    policy: policy!.body,
    nodes: (nodes!.body as any[]).map((n) => ({ uid: n.uid, addr: n.addr, external_addr: n.external_addr, status: n.status })),
  };
}

async function until(check: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('never happened');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// A cluster without the control protocol, as an operator has one, holding things of its own.
describe('adopt mode against a cluster it cannot reset (npm run mock -- --no-control)', () => {
  let server: MockServer;
  let target: Target;
  let before: Awaited<ReturnType<typeof snapshot>>;
  const args = () => ['--target', server.httpsUrl, '--user', CREDENTIALS.username, '--password', CREDENTIALS.password, '--insecure'];

  beforeAll(async () => {
    server = await startMockServer({ credentials: CREDENTIALS, host: '127.0.0.12', httpsPort: 0, httpPort: 0, control: false });
    target = httpTarget({ url: server.httpsUrl, user: CREDENTIALS.username, password: CREDENTIALS.password, ca: server.certificatePem });
    const made = [
      await target.api('POST', '/v1/bdbs', { name: 'orders', memory_size: 209_715_200, data_internode_encryption: true }),
      await target.api('PUT', '/v1/cluster/policy', { data_internode_encryption: true }),
      await target.api('PUT', '/v1/nodes/2', { external_addr: ['198.51.100.2'] }),
      await target.api('PUT', '/v1/cluster', { alert_settings: { node_internal_certs_about_to_expire: { enabled: true, threshold: '60' } } }),
    ];
    for (const a of made) expect(a.status).toBeLessThan(300);
    server.cluster.settle();
    before = await snapshot(target);
  });
  afterAll(async () => {
    await target?.close();
    await server?.close();
  });

  it('runs its sequences from the cluster as it is, and leaves it exactly as it found it', { timeout: 300_000 }, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'adopt-')), 'result.json');
    const r = await conformance([...args(), '--report', 'json', '--out', out, '--reproducer', join(tmpdir(), 'adopt-failure')]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result).toMatchObject({ outcome: 'passed', mode: 'adopt', adoption: { unrestored: [] } });
    expect(result.runs).toBeGreaterThanOrEqual(20);
    expect(r.stdout).toContain('Mode: adopted the cluster as it was');
    expect(await snapshot(target)).toEqual(before);
  });

  it('puts the cluster back when interrupted with SIGINT in the middle of a sequence', { timeout: 300_000 }, async () => {
    const run = startConformance([...args(), '--area', 'databases']);
    // In the middle: one of the run's own databases exists.
    await until(() => Object.values(server.cluster.state.databases).some((d) => d.name.startsWith('cf')));
    run.signal('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/The run was interrupted by SIGINT: no verdict/);
    expect(r.stderr).toMatch(/Put the cluster back as the run found it:[\s\S]*deleted database/);
    expect(r.stderr).not.toContain('COULD NOT RESTORE');
    expect(await snapshot(target)).toEqual(before);
  });
});
