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
  it('replays the shortest failing sequence with curl against any target', async () => {
    const mutant = MUTANTS.find((m) => m.name === 'addr-change-on-active-node')!;
    const target = inProcessTarget({ mutant });
    const result = await runSuite(target, { seed: 42, failFast: true });
    await target.close();
    const requests = result.failure!.requests;
    expect(requests[0]).toMatchObject({ via: 'control', path: '/reset' });
    const last = requests.at(-1)!;
    // The mutant accepts what the specification refuses: the last request says so.
    expect(last).toMatchObject({ method: 'PUT', actual: '200' });
    const [status, code] = last.expected!.split(' ');
    expect(Number(status)).toBeGreaterThanOrEqual(400);

    // Against the unbroken mock, over real HTTPS, the last request gets the predicted answer.
    const server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.5', httpsPort: 0, httpPort: 0 });
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'repro-')), 'failure.sh');
      writeFileSync(file, curlScript(requests, result.seed));
      // Asynchronous: the server answering the script runs in this very process.
      const { stdout: out } = await promisify(execFile)('bash', [file], { env: { ...process.env, API: server.httpsUrl, AUTH: 'u:p' }, encoding: 'utf8', timeout: 30_000 });
      const answers = out.trim().split('\n').filter((l) => l.includes('→'));
      expect(answers).toHaveLength(requests.length);
      expect(answers.at(-1)).toMatch(new RegExp(`${code}.*→ ${status}$`));
    } finally {
      await server.close();
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
