import { spawn } from 'node:child_process';

/** One hook to run: its command, where, with which `RE_*` variables, for how long at most. */
export interface HookRun {
  readonly name: string;
  readonly command: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export interface HookResult {
  /** The exit code; null when a signal ended it or it could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export type HookRunner = (run: HookRun) => Promise<HookResult>;

/** Enough of a hook's output to explain a failure, without holding a chatty one's whole log. */
const KEEP = 64 * 1024;
/** After SIGTERM, how long a hook's processes get to clean up before SIGKILL. */
const GRACE_MS = 2000;

/**
 * Runs a hook with `/bin/sh -c`, its values in the environment (never in the command text, so
 * nothing in them is ever parsed by a shell), in a process group of its own: on timeout the
 * whole group (the hook and whatever it started) is terminated, then killed.
 */
export const shellRunner: HookRunner = (run) =>
  new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', run.command], { cwd: run.cwd, env: { ...process.env, ...run.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    const keep = (key: 'stdout' | 'stderr') => (c: Buffer) => {
      if (out[key].length < KEEP) out[key] += c.toString('utf8').slice(0, KEEP - out[key].length);
    };
    child.stdout.on('data', keep('stdout'));
    child.stderr.on('data', keep('stderr'));
    let timedOut = false;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // The group has already gone.
      }
    };
    const finish = (code: number | null) => {
      clearTimeout(timer);
      clearTimeout(grace);
      resolve({ code, ...out, timedOut });
    };
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup('SIGTERM');
      // A process that ignores SIGTERM (or escaped with our pipes) must not hold the run.
      grace = setTimeout(() => {
        signalGroup('SIGKILL');
        finish(null);
      }, GRACE_MS);
    }, run.timeoutMs);
    child.on('error', (e) => {
      out.stderr += `cannot run /bin/sh: ${e.message}`;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
