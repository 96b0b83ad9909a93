import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTarget } from '../api/http.ts';
import type { Target } from '../api/target.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { runCli } from './cli.ts';

// The standalone mock over real HTTPS and HTTP; the command line is parsed as a shell gives it.
const credentials = { username: 'admin@example.com', password: 'secret' };
let server: MockServer;
let caFile: string;
let control: Target;
const NO_ENV = {};

const cli = (line: string, env: Record<string, string> = NO_ENV) =>
  runCli(['--target', server.httpsUrl, '--ca', caFile, '--user', credentials.username, '--password', credentials.password, ...line.split(' ')], env);

beforeAll(async () => {
  server = await startMockServer({ credentials, httpsPort: 0, httpPort: 0, settleMs: 5 });
  caFile = join(mkdtempSync(join(tmpdir(), 'rladmin-')), 'api.pem');
  writeFileSync(caFile, server.certificatePem);
  control = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, user: credentials.username, password: credentials.password, ca: server.certificatePem });
});
afterAll(async () => {
  await control?.close();
  await server?.close();
});

describe('re-cluster rladmin against the standalone mock', () => {
  it('[NODE-ADDR-005] walks the multi-IP document: the internal address changes only while the node is down', async () => {
    await control.control!('POST', '/reset', {});
    expect(await cli('node 2 addr set 10.0.0.22')).toMatchObject({ code: 1, stderr: expect.stringMatching(/\(node_not_offline\)\n$/) });
    await control.control!('POST', '/nodes/2/power', { state: 'down' });
    expect(await cli('node 2 addr set 10.0.0.22')).toEqual({ code: 0, stdout: 'Updated successfully.\n', stderr: '' });
    expect(await cli('node 2 external_addr add 198.51.100.22')).toMatchObject({ code: 0, stdout: 'Updated successfully.\n' });
    // Not bound on the host yet: the node cannot come back until the operator binds it, and the mock says why.
    expect((await control.control!('POST', '/nodes/2/power', { state: 'up' })).body).toEqual({ status: 'down', reason: '10.0.0.22 is not bound on host-2, so node 2 cannot come back up' });
    await control.control!('PUT', '/hosts/host-2/addresses', { addresses: ['10.0.0.22'] });
    expect((await control.control!('POST', '/nodes/2/power', { state: 'up' })).body).toEqual({ status: 'active' });
    const status = await cli('status nodes');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^node:2 +slave +10\.0\.0\.22 +198\.51\.100\.22 +host-2 +0\/100 +\S+ +\S+ +\S+ +\S+ +OK$/m);
  });

  it('[ENC-DATA-002] [NODE-LIFE-002] tunes a database by name and removes a node, waiting for each to finish', async () => {
    await control.control!('POST', '/reset', {});
    await control.api('POST', '/v1/bdbs', { name: 'cache', memory_size: 104857600 });
    expect(await cli('tune db cache data_internode_encryption enabled')).toEqual({ code: 0, stdout: 'Finished successfully\n', stderr: '' });
    expect((await control.api('GET', '/v1/bdbs/1')).body).toMatchObject({ data_internode_encryption: true, status: 'active' });
    expect(await cli('node 3 remove')).toEqual({ code: 0, stdout: 'Performing remove action on node:3: 100%\nOK\n', stderr: '' });
    expect((await control.api('GET', '/v1/nodes/3')).status).toBe(404);
  });

  it('[PORT-HTTP-002] disables HTTP support: the HTTP API is then unreachable (exit 2), and comes back when enabled', async () => {
    await control.control!('POST', '/reset', {});
    const overHttp = () => runCli(['--target', server.httpUrl, '--user', credentials.username, '--password', credentials.password, 'status', 'nodes'], NO_ENV);
    expect((await overHttp()).code).toBe(0);
    expect(await cli('cluster config http_support disabled')).toEqual({ code: 0, stdout: 'Cluster configured successfully\n', stderr: '' });
    await expect.poll(async () => (await overHttp()).code, { timeout: 10_000 }).toBe(2);
    expect((await overHttp()).stderr).toMatch(/^Cannot reach the cluster: .*\n$/);
    expect(await cli('cluster config http_support enabled')).toMatchObject({ code: 0 });
    await expect.poll(async () => (await overHttp()).code, { timeout: 10_000 }).toBe(0);
  });

  it('takes the target and credentials from the environment, and refuses bad credentials with exit 2', async () => {
    const env = { RLADMIN_TARGET: server.httpsUrl, RLADMIN_USER: credentials.username, RLADMIN_PASSWORD: credentials.password };
    expect((await runCli(['--ca', caFile, 'status', 'nodes'], env)).code).toBe(0);
    const wrong = await runCli(['--ca', caFile, 'status'], { ...env, RLADMIN_PASSWORD: 'nope' });
    expect(wrong).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^Error: Authentication is required.*\(unauthorized\)\n$/) });
  });

  it('verifies the certificate of a target it is given, unless told --insecure', async () => {
    const bare = ['--target', server.httpsUrl, '--user', credentials.username, '--password', credentials.password, 'status', 'nodes'];
    const unverified = await runCli(bare, NO_ENV);
    expect(unverified.code).toBe(2);
    // Named as a trust failure, with the fix, not as an unreachable cluster.
    expect(unverified.stderr).toMatch(/^The target's certificate is not trusted \([A-Z_]+: GET https:.*\): pass --ca FILE \(the cluster's CA or proxy certificate\) or --insecure\n$/);
    expect(unverified.stderr.split('\n')).toHaveLength(2);
    expect((await runCli(['--insecure', ...bare], NO_ENV)).code).toBe(0);
  });

  it('answers bad options with a reason and the usage, exit 2', async () => {
    expect(await runCli(['--frob', 'status'], NO_ENV)).toMatchObject({ code: 2, stderr: expect.stringMatching(/Unknown option '--frob'[\s\S]*Usage: re-cluster rladmin/) });
    expect(await runCli(['--wait-ms', 'soon', 'status'], NO_ENV)).toEqual({ code: 2, stdout: '', stderr: '--wait-ms must be a whole number of milliseconds\n' });
    expect(await runCli(['--target', 'ftp://x', 'status'], NO_ENV)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--target must be an http/) });
    expect(await runCli(['--ca', join(tmpdir(), 'no-such-ca.pem'), 'status'], NO_ENV)).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read --ca .*ENOENT/) });
    expect(await runCli(['--help'], NO_ENV)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: re-cluster rladmin/) });
  });

  it('runs as the package bin: the real process prints the same lines and exits with the same codes', async () => {
    await control.control!('POST', '/reset', {});
    const bin = new URL('../bin/re-cluster.mjs', import.meta.url).pathname;
    // Asynchronous: the server answering the child runs in this very process.
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, 'rladmin', '--target', server.httpsUrl, '--ca', caFile, ...args], {
        env: { ...process.env, RLADMIN_USER: credentials.username, RLADMIN_PASSWORD: credentials.password },
        encoding: 'utf8',
        timeout: 30_000,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    expect(await run(['node', '1', 'external_addr', 'set', '198.51.100.1', '2001:db8::1:1'])).toEqual({ code: 0, stdout: 'Updated successfully.\n', stderr: '' });
    expect((await control.api('GET', '/v1/nodes/1')).body.external_addr).toEqual(['198.51.100.1', '2001:db8::1:1']);
    const refused = await run(['node', '1', 'addr', 'set', '10.0.0.11']);
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^Error: .*\(node_not_offline\)\n$/) });
    const syntax = await run(['node', '1', 'addr']);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^Syntax error: missing 'set'\.\n\nUsage:\n {2}rladmin node <id> addr set <ip>\n$/);
    expect(syntax.stderr).not.toMatch(/\n\s+at /);
  });
});
