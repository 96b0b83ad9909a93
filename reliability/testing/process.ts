import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly httpsUrl: string;
  readonly httpUrl: string;
  /** Everything it wrote to stderr so far. */
  readonly stderr: () => string;
  /** Resolves with the exit code or signal once it has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
  kill(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>;
}

export interface Started {
  readonly child: ChildProcess;
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Resolves once it has printed its `{"listening": …}` line; rejects if it ends first. */
  readonly ready: Promise<ServerProcess>;
}

/**
 * Starts a TypeScript entry point (`mock/server/main.ts` or a fixture) as its own Node process,
 * which prints a `{"listening": …}` line once it serves.
 */
export function startProcess(entry: string, args: readonly string[], { readyTimeoutMs = 30_000, nodeArgs = [] as string[] } = {}): Started {
  // An IPC channel too, for fixtures that answer questions about themselves (./serve.ts).
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.unref();
  child.channel?.unref();
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const ready = new Promise<ServerProcess>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void kill();
      reject(new Error(`${entry} did not start within ${readyTimeoutMs} ms: ${err}`));
    }, readyTimeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      const { https, http } = JSON.parse(line).listening;
      resolve({ child, pid: child.pid!, httpsUrl: https, httpUrl: http, stderr: () => err, exited, kill });
    };
    child.stdout!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${entry} ended (${how}) before it listened: ${err}`));
    });
  });
  // A caller that kills it before it is ready does not wait on `ready`.
  ready.catch(() => {});
  return { child, exited, ready };
}

export const spawnServer = (entry: string, args: readonly string[], options?: { readyTimeoutMs?: number; nodeArgs?: string[] }): Promise<ServerProcess> =>
  startProcess(entry, args, options).ready;

export interface Memory {
  readonly rss: number;
  /** The heap still in use after a full garbage collection: what the server holds on to. */
  readonly heapUsed: number;
}

/** Asks a fixture started by ./serve.ts (with `--expose-gc`) to collect its garbage and report its memory. */
export function memoryOf(server: ServerProcess): Promise<Memory> {
  return new Promise((resolve) => {
    server.child.once('message', (m) => resolve(m as Memory));
    server.child.send('memory');
  });
}

/** Resident memory of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}
