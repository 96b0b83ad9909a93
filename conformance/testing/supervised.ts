/**
 * `npm run mock -- --data-dir DIR` as its own process (the supervisor and its child), for tests
 * and benches that crash it: started on free ports, reached over HTTPS with the CA it wrote.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpTarget } from '../../api/http.ts';
import type { Target } from '../../api/target.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVE = 'conformance/mutants/serve.ts';

export interface SupervisedMock {
  readonly url: string;
  readonly dataDir: string;
  /** A target over HTTPS that trusts only the mock's CA, with its control protocol. */
  target(): Target;
  /** How many times the supervisor restarted it so far. */
  restarts(): number;
  /** SIGTERM to the supervisor; resolves with how it ended, and removes the data directory. */
  stop(): Promise<number | string>;
}

export async function startSupervisedMock(options: { mutant?: string; readyTimeoutMs?: number } = {}): Promise<SupervisedMock> {
  const dataDir = mkdtempSync(join(tmpdir(), 'supervised-'));
  const args = [SERVE, '--data-dir', dataDir, '--https-port', '0', '--http-port', '0', '--quiet', ...(options.mutant ? ['--mutant', options.mutant] : [])];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the supervised mock did not listen within ${options.readyTimeoutMs ?? 60_000} ms: ${err}`)), options.readyTimeoutMs ?? 60_000);
    const look = () => {
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve(JSON.parse(line).listening.https);
    };
    child.stdout.on('data', look);
    void exited.then((how) => reject(new Error(`the supervised mock ended (${how}) before it listened: ${err}`)));
  });
  const ca = readFileSync(join(dataDir, 'api-ca.pem'), 'utf8');
  return {
    url,
    dataDir,
    target: () => httpTarget({ url, controlUrl: `${url}/control/v1`, user: 'admin@example.com', password: 'admin', ca, insecure: false, timeoutMs: 10_000, rateLimit: 0 }),
    restarts: () => out.split('\n').filter((l) => l.startsWith('The mock was killed')).length,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const how = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return how;
    },
  };
}
