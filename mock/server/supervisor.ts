/**
 * `npm run mock -- --data-dir DIR`: the server runs as a child of this process, which restarts it
 * on the same data directory, the same ports and the same API certificate (so a client's `--ca`
 * stays valid) whenever it dies by a crash — the control protocol's `POST /crash`, or any
 * SIGKILL. A normal stop (SIGINT, SIGTERM or SIGHUP to this process, or its own parent going
 * away) stops the child too and frees every port. See decisions/0020-crashes.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Set in the child's environment: it is supervised, so it may offer `crash`. */
export const SUPERVISED_ENV = 'RE_MOCK_SUPERVISED';

export interface Supervision {
  /** The entry module the child runs (the same command line as this process's). */
  readonly entry: string;
  readonly argv: readonly string[];
  /** Where the child's lines go (the console). */
  readonly write: (text: string) => void;
  /** Told once the child listens again after a crash (tests count them). */
  readonly onRestart?: (restarts: number) => void;
}

interface Listening {
  readonly https: string;
  readonly http: string;
}

const portOf = (url: string) => new URL(url).port;

/** The `{"listening": …}` line a mock prints once it serves, parsed; undefined for any other line. */
export function listeningLine(line: string): Listening | undefined {
  if (!line.startsWith('{"listening"')) return undefined;
  try {
    return (JSON.parse(line) as { listening: Listening }).listening;
  } catch {
    return undefined;
  }
}

/**
 * Runs the child until it stops on its own or this process is told to stop; resolves with the
 * exit code this process should end with. `stop` (given to `stopOnSignals`) ends the child.
 */
export function supervise(s: Supervision): { readonly done: Promise<number>; stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let ports: string[] = [];
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));

  const start = () => {
    // Ports given as 0 are known only once the first child listens: later ones take the same.
    const c = spawn(process.execPath, [...process.execArgv, s.entry, ...s.argv, ...ports], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, [SUPERVISED_ENV]: '1' },
    });
    child = c;
    let listened = false;
    createInterface({ input: c.stdout! }).on('line', (line) => {
      const at = listeningLine(line);
      if (at && !listened) {
        listened = true;
        ports = ['--https-port', portOf(at.https), '--http-port', portOf(at.http)];
        if (restarts > 0) s.onRestart?.(restarts);
      }
      // After a restart the banner is printed again; the request log goes on as before.
      s.write(`${line}\n`);
    });
    c.once('exit', (code, signal) => {
      child = undefined;
      if (stopping) return finish(0);
      // A crash: killed outright, nothing of it ran on. Restart it on its data, unless it died
      // before it ever listened (a restart would only die again).
      if (signal === 'SIGKILL' && listened) {
        restarts++;
        s.write(`The mock was killed (crash ${restarts}): restarting it on its data\n`);
        return start();
      }
      s.write(signal ? `The mock ended by ${signal}\n` : '');
      finish(signal ? 1 : (code ?? 1));
    });
  };
  start();
  return {
    done,
    async stop() {
      stopping = true;
      const c = child;
      if (!c) return finish(0);
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
  };
}
