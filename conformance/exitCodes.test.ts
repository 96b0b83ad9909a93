import { createServer } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { conformance } from './testing/cli.ts';

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const small = ['--runs', '1', '--max-commands', '3', '--area', 'databases', '--reproducer', '/dev/null'];
/** Its stderr without the progress line each area prints as it ends. */
const messages = (stderr: string) => stderr.trim().split('\n').filter((l) => l && !/^ *(passed|failed|not-run) +\S+ \(\d+ runs, /.test(l));

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.9', httpsPort: 0, httpPort: 0 });
});
afterAll(() => server?.close());

// A CI job wired to a cluster the suite cannot check must not go green: exit 2, one line why.
describe('the exit code when the suite cannot check the target', () => {
  it('exits 2 with one line saying the credentials were refused, with or without a control URL', async () => {
    for (const control of [[], ['--control', `${server.httpsUrl}/control/v1`]]) {
      const r = await conformance(['--target', server.httpsUrl, ...control, '--user', 'u', '--password', 'wrong', '--insecure', ...small]);
      expect(r.code, r.stderr).toBe(2);
      expect(messages(r.stderr)).toEqual([expect.stringMatching(/^The target cannot be used: the credentials were refused: GET \/v1\/cluster answered 401/)]);
      expect(r.stdout).not.toMatch(/PASSED|FAILED/);
    }
  });

  it('exits 2 when no user is given to a cluster that requires one', async () => {
    const r = await conformance(['--target', server.httpsUrl, '--control', `${server.httpsUrl}/control/v1`, '--insecure', ...small]);
    expect(r.code, r.stderr).toBe(2);
    expect(messages(r.stderr)).toEqual([expect.stringContaining('the credentials were refused')]);
  });

  it('exits 2 for a target nothing listens on, without a control URL too', async () => {
    const r = await conformance(['--target', `http://127.0.0.1:${await deadPort()}`, ...small]);
    expect(r.code, r.stderr).toBe(2);
    expect(messages(r.stderr)).toEqual([expect.stringMatching(/^The target cannot be used: .*ECONNREFUSED/)]);
  });

  it('exits 2 for a certificate it does not trust, naming --ca and --insecure', async () => {
    const r = await conformance(['--target', server.httpsUrl, '--user', 'u', '--password', 'p', ...small]);
    expect(r.code, r.stderr).toBe(2);
    const [line, ...rest] = messages(r.stderr);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^The target's certificate is not trusted \([A-Z_]+: GET https:\/\/127\.0\.0\.9:\d+\/v1\/cluster: .*\): pass --ca FILE \(the cluster's CA or proxy certificate\) or --insecure$/);
  });

  it('exits 2 when nothing it was asked to run can run on the target', async () => {
    // internode-tls needs the control protocol's internode-tls capability, which is not offered.
    const r = await conformance(['--target', server.httpsUrl, '--user', 'u', '--password', 'p', '--insecure', '--area', 'internode-tls']);
    expect(r.code, r.stderr).toBe(2);
    expect(messages(r.stderr)).toEqual([expect.stringMatching(/^The target cannot be checked: nothing could run \(.*needs /)]);
  });
});
