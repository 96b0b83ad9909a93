/**
 * The conformance runner (`conformance/cli.ts`, as `npm run conformance` runs it) against
 * targets that cannot be used: one that refuses connections, one that stalls, one that speaks
 * something other than HTTP, ones that answer HTTP with text or with JSON of the wrong shape,
 * and one that works for a while and then resets every connection mid-run. Each run must end
 * within its time budget with exit code 2 and one clear line naming the problem — never a stack
 * trace, never a hang, never a verdict on conformance.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPool } from '../mock/pki/keyPool.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { answering, failingAfter, notHttp, refusing, stalling, type BadTarget } from './testing/badTargets.ts';
import { CREDENTIALS } from './testing/http.ts';
import { ROOT } from './testing/process.ts';

const BUDGET_S = 8;
// Long enough for the mock's first certificate read (it makes keys) on a loaded machine: the
// case that resets connections must meet the reset, not a slow answer before it.
const TIMEOUT_MS = 4000;
/** A hang guard, not a performance bound: the budget, plus the start of the process, plus slack. */
const ENDS_WITHIN_MS = (BUDGET_S + 20) * 1000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function conformance(url: string): Promise<Run> {
  const args = ['--import', 'tsx', 'conformance/cli.ts', '--target', url, '--control', `${url}/control/v1`, '--user', CREDENTIALS.username, '--password', CREDENTIALS.password];
  // The hosts' own APIs are read from the mock's HTTPS listener itself (the failing fronts forward
  // only the cluster's API), whose certificate is the mock's own.
  args.push('--insecure');
  args.push('--timeout-ms', String(TIMEOUT_MS), '--time-budget', String(BUDGET_S), '--runs', '3', '--max-commands', '8', '--reproducer', '/dev/null');
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const guard = setTimeout(() => child.kill('SIGKILL'), ENDS_WITHIN_MS + 5000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ credentials: CREDENTIALS, httpsPort: 0, httpPort: 0, settleMs: 5 });
  // A reset's dozen certificates come from the key pool: with it full, none of the runs' requests
  // waits on key generation, so only the failure a case makes can stop them within TIMEOUT_MS.
  await mock.cluster.edge?.certificates();
  await keyPool.filled();
}, 60_000);
afterAll(() => mock?.close());

const CASES: readonly { name: string; start: () => Promise<BadTarget>; names: RegExp }[] = [
  { name: 'refuses connections', start: refusing, names: /ECONNREFUSED/ },
  { name: 'accepts connections and never answers', start: stalling, names: new RegExp(`no answer within ${TIMEOUT_MS} ms`) },
  { name: 'answers with bytes that are not HTTP', start: notHttp, names: /Parse Error|HPE_|not HTTP/i },
  { name: 'answers HTTP with a body that is not JSON', start: () => answering('<html><body>It works!</body></html>'), names: /not JSON/ },
  { name: 'answers HTTP with JSON of the wrong shape', start: () => answering('{"hello": "world"}', 'application/json'), names: /capabilities/ },
  { name: 'answers HTTP with a JSON list for everything', start: () => answering('[]', 'application/json'), names: /capabilities/ },
  { name: 'works, then resets every connection mid-run', start: () => failingAfter(mock.httpsUrl, 57, 'reset'), names: /ECONNRESET|socket hang up|ECONNREFUSED/ },
  { name: 'works, then stops answering mid-run', start: () => failingAfter(mock.httpsUrl, 57, 'stall'), names: new RegExp(`no answer within ${TIMEOUT_MS} ms`) },
];

describe('the conformance runner against a target it cannot use', () => {
  for (const c of CASES) {
    it(`ends with exit code 2 and one clear line when the target ${c.name}`, { timeout: ENDS_WITHIN_MS + 10_000 }, async () => {
      const target = await c.start();
      try {
        const run = await conformance(target.url);
        const shown = `exit ${run.code} after ${run.ms} ms\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
        console.log(`[reliability] runner, target that ${c.name}: exit ${run.code} after ${(run.ms / 1000).toFixed(1)} s: ${run.stderr.trim()}`);
        expect(run.code, shown).toBe(2);
        expect(run.ms, shown).toBeLessThan(ENDS_WITHIN_MS);
        // Besides the progress line of each area that ended before the target failed.
        const lines = run.stderr.trim().split('\n').filter((l) => !/^ *(passed|failed|not-run) +\S+ \(\d+ runs, /.test(l));
        expect(lines, shown).toHaveLength(1);
        expect(lines[0], shown).toMatch(/^The target cannot be used: /);
        expect(lines[0], shown).toMatch(c.names);
        // No stack trace, no verdict: the run says nothing about conformance.
        expect(`${run.stdout}${run.stderr}`, shown).not.toMatch(/^\s+at /m);
        expect(run.stdout, shown).not.toMatch(/PASSED|FAILED/);
      } finally {
        await target.close();
      }
    });
  }
});
