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
    expect(last).toMatchObject({ method: 'PUT', expected: '406 node_not_offline', actual: '200' });

    // Against the unbroken mock, over real HTTPS, the last request gets the predicted answer.
    const server = await startMockServer({ credentials: { username: 'u', password: 'p' }, host: '127.0.0.5', httpsPort: 0, httpPort: 0 });
    try {
      const file = join(mkdtempSync(join(tmpdir(), 'repro-')), 'failure.sh');
      writeFileSync(file, curlScript(requests, result.seed));
      // Asynchronous: the server answering the script runs in this very process.
      const { stdout: out } = await promisify(execFile)('bash', [file], { env: { ...process.env, API: server.httpsUrl, AUTH: 'u:p' }, encoding: 'utf8', timeout: 30_000 });
      const answers = out.trim().split('\n').filter((l) => l.includes('→'));
      expect(answers).toHaveLength(requests.length);
      expect(answers.at(-1)).toMatch(/node_not_offline.*→ 406$/);
    } finally {
      await server.close();
    }
  });
});
