import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../mock/server/server.ts';
import { MUTANTS } from './mutants/catalogue.ts';
import { curlScript } from './reproducer.ts';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';

describe('the reproducer of a failure', () => {
  it('replays the shortest failing sequence with curl, checks every answer, and exits 1 against the broken server, 0 against the mock, 2 without a trusted certificate', { timeout: 240_000 }, async () => {
    const mutant = MUTANTS.find((m) => m.name === 'addr-change-on-active-node')!;
    const target = inProcessTarget({ mutant });
    const result = await runSuite(target, { seed: 42, failFast: true });
    await target.close();
    const requests = result.failure!.requests;
    expect(requests[0]).toMatchObject({ via: 'control', path: '/reset' });
    const last = requests.at(-1)!;
    // The mutant accepts what the specification refuses: the last request says so.
    expect(last).toMatchObject({ method: 'PUT', actual: '200' });
    expect(Number(last.expected!.split(' ')[0])).toBeGreaterThanOrEqual(400);

    const dir = mkdtempSync(join(tmpdir(), 'repro-'));
    const file = join(dir, 'failure.sh');
    writeFileSync(file, curlScript(requests, result.seed));
    // Asynchronous: the servers answering the script run in this very process.
    const run = (env: Record<string, string>) =>
      promisify(execFile)('bash', [file], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const credentials = { username: 'u', password: 'p' };
    // Over real HTTPS: the same mutant in front of a real server, and the unbroken mock.
    const broken = await startMockServer({ credentials, host: '127.0.0.5', httpsPort: 0, httpPort: 0, variant: mutant });
    const fixed = await startMockServer({ credentials, host: '127.0.0.5', httpsPort: 0, httpPort: 0 });
    try {
      const failing = await run({ API: broken.httpsUrl, AUTH: 'u:p' });
      expect(failing.code, failing.out).toBe(1);
      expect(failing.out).toContain(`→ 200 DIFFERS: expected ${last.expected}`);
      expect(failing.out).toMatch(new RegExp(`FAIL: 1 step\\(s\\) differ .*step ${requests.length}: expected ${last.expected}, got 200`));

      // The fixed target, its certificate verified against the CA file (TARGET: the suite's name for API).
      const ca = join(dir, 'ca.pem');
      writeFileSync(ca, fixed.certificatePem);
      const passing = await run({ TARGET: fixed.httpsUrl, AUTH: 'u:p', CA: ca });
      expect(passing.code, passing.out).toBe(0);
      expect(passing.out.match(/\(as expected\)/g)).toHaveLength(requests.filter((r) => r.expected).length);
      expect(passing.out).toContain('PASS: every step is answered as the specification expects');

      // Verification on and no CA: the self-signed certificate is refused, and the script says it cannot judge.
      expect((await run({ API: fixed.httpsUrl, AUTH: 'u:p', INSECURE: '0' })).code).toBe(2);
    } finally {
      await Promise.all([broken.close(), fixed.close()]);
    }
  });
});

describe('replaying a saved failure', () => {
  it('fails again on the same target, in one run, and passes on a fixed one without exploring', async () => {
    const mutant = MUTANTS.find((m) => m.name === 'policy-rewrites-existing-databases')!;
    const broken = inProcessTarget({ mutant });
    const first = await runSuite(broken, { seed: 9, failFast: true });
    const failed = first.areas.find((a) => a.failure)!;
    const { path, replayPath } = failed.failure!;
    const again = await runSuite(broken, { areas: [failed.name], seed: first.seed, path, replayPath });
    await broken.close();
    expect(again.outcome).toBe('failed');
    expect(again.runs).toBe(1);
    expect(again.failure!.counterexample).toEqual(failed.failure!.counterexample);

    const fixed = inProcessTarget();
    const replayed = await runSuite(fixed, { areas: [failed.name], seed: first.seed, path, replayPath });
    await fixed.close();
    // fast-check walks the recorded shrink path (one case per step of it), and explores nothing else.
    expect(replayed.outcome).toBe('passed');
    expect(replayed.runs).toBeLessThanOrEqual(path.split(':').length);
  });
});
