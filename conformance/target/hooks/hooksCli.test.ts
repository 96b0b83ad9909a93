import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../mock/server/server.ts';
import { conformance } from '../../testing/cli.ts';

/** Hooks that drive the mock's own control protocol with curl, as a lab's scripts would drive a cluster. */
const FORWARD = (path: string) => `curl -sS -f -k -u "$AUTH" -X POST -H 'content-type: application/json' -d "$RE_BODY" "$CONTROL${path}"`;

function hooksFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hooks-cli-'));
  for (const [name, path] of [['reset', '/reset'], ['power', '/nodes/$RE_NODE_UID/power'], ['clock', '/clock']]) {
    writeFileSync(join(dir, `${name}.sh`), `#!/bin/sh\n${FORWARD(path!)}\n`, { mode: 0o755 });
  }
  writeFileSync(join(dir, 'hooks.yaml'), text);
  return join(dir, 'hooks.yaml');
}

let server: MockServer;
let target: string[];
let env: Record<string, string>;

beforeAll(async () => {
  server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.8', httpsPort: 0, httpPort: 0 });
  target = ['--target', server.httpsUrl, '--user', 'u', '--password', 'p', '--insecure'];
  env = { AUTH: 'u:p', CONTROL: `${server.httpsUrl}/control/v1` };
});
afterAll(() => server.close());

const small = ['--runs', '3', '--max-commands', '8', '--seed', '11'];

describe('conformance --hooks against a cluster without a control protocol of its own', () => {
  it('runs the areas the hooks allow, and reports what needs a capability without a hook as not run', async () => {
    const file = hooksFile(['timeout_seconds: 30', 'hooks:', '  reset: ./reset.sh', '  power: ./power.sh', '  clock: ./clock.sh'].join('\n'));
    const r = await conformance([...target, '--hooks', file, '--area', 'addressing,internode-tls', ...small], env);
    expect(r.stdout).toContain('Control capabilities: reset, power, clock');
    expect(r.stdout).toMatch(/passed\s+addressing\s+3 runs/);
    expect(r.stdout).toMatch(/NOT RUN\s+internode-tls .*\(needs internode-tls\)/);
    expect(r.stdout).toContain('not run is not passed');
    expect(r.code).toBe(0);
  });

  it('fails a run whose hook does not do its job, and writes both reproducers', async () => {
    // A power hook that reports success and powers nothing: the node stays active.
    const file = hooksFile(['hooks:', '  reset: ./reset.sh', '  power: echo "pretending to power $RE_NODE_UID $RE_STATE" >&2'].join('\n'));
    const out = join(mkdtempSync(join(tmpdir(), 'hooks-repro-')), 'lab-failure');
    const r = await conformance([...target, '--hooks', file, '--area', 'addressing', '--runs', '20', '--max-commands', '8', '--seed', '3', '--reproducer', out], env);
    expect(r.stdout).toContain('FAILED: the target does not conform');
    expect(r.stdout).toContain('PowerNode');
    expect(r.code).toBe(1);
    expect(readFileSync(`${out}.sh`, 'utf8')).toContain('call POST "$CONTROL/nodes/');
    expect(readFileSync(`${out}.ts`, 'utf8')).toContain('"path": "/reset"');
  });

  it('ends the run (exit 2) naming a hook that hangs, once its timeout is over', async () => {
    const file = hooksFile(['hooks:', '  reset: { run: "echo preparing the lab; sleep 60", timeout_seconds: 1 }'].join('\n'));
    const r = await conformance([...target, '--hooks', file, '--area', 'addressing', ...small], env);
    expect(r.stderr).toContain('The target cannot be used: hook reset (POST /reset) did not finish within 1 s; its process group was killed. Output: preparing the lab');
    expect(r.code).toBe(2);
  });

  it('ends the run (exit 2) with the stderr of a hook that fails', async () => {
    const file = hooksFile(['hooks:', '  reset: echo "the lab is locked by another run" >&2; exit 1'].join('\n'));
    const r = await conformance([...target, '--hooks', file, '--area', 'addressing', ...small], env);
    expect(r.stderr).toContain('The target cannot be used: hook reset (POST /reset) exited with code 1: the lab is locked by another run');
    expect(r.code).toBe(2);
  });

  it('refuses a bad hooks file, and --hooks without --target or with --control, as usage errors', async () => {
    const unknown = await conformance([...target, '--hooks', hooksFile('hooks:\n  reset: ./reset.sh\n  reboot: ./reboot.sh\n')]);
    expect(unknown.stderr).toMatch(/--hooks: .*hooks\.yaml: hooks: unknown field "reboot"/);
    // One line and where to read more, not the whole usage text.
    expect(unknown.stderr).toMatch(/ \(see --help\)\n$/);
    expect(unknown.stderr).not.toContain('Usage: npm run conformance');
    expect(unknown.code).toBe(2);
    const alone = await conformance(['--hooks', hooksFile('hooks: { reset: ./reset.sh }')]);
    expect(alone.stderr).toContain('--hooks needs --target');
    expect(alone.code).toBe(2);
    const both = await conformance([...target, '--control', `${server.httpsUrl}/control/v1`, '--hooks', hooksFile('hooks: { reset: ./reset.sh }')]);
    expect(both.stderr).toContain('--hooks and --control are alternatives');
    expect(both.code).toBe(2);
  });
});
