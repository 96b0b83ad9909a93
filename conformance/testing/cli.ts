import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'conformance/cli.ts');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The conformance CLI as a user runs it, in a child process (a mock server may run in this one). */
export function conformance(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/**
 * The CLI started in the background: `signal` sends it a signal (an operator's Ctrl-C, a CI job's
 * cancellation), `done` resolves once it has ended.
 */
export function startConformance(args: readonly string[]): { readonly done: Promise<CliRun>; signal(signal: NodeJS.Signals): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const guard = setTimeout(() => child.kill('SIGKILL'), 300_000);
  const done = new Promise<CliRun>((resolve) =>
    child.on('exit', (code, sig) => {
      clearTimeout(guard);
      resolve({ code: code ?? (sig ? 128 : -1), stdout, stderr });
    }),
  );
  return { done, signal: (s) => child.kill(s) };
}
