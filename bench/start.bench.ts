/**
 * `npm run bench:start`: how long `npm run mock` takes to listen, and the memory of its processes
 * then, run from the TypeScript sources through tsx (as it was) and from the build in dist/
 * (decisions/0017-a-build-step.md). Each way is started `--rounds` times (default 5), in turn;
 * the median is printed. Not a test: the figures depend on the machine and its load.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { fmtMB, fmtMs, markdownTable, median } from './format.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOCK_ARGS = ['--https-port', '0', '--http-port', '0'];
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const WAYS: Record<string, readonly string[]> = {
  'tsx mock/server/main.ts (before)': [process.execPath, TSX, 'mock/server/main.ts', ...MOCK_ARGS],
  'node bin/re-cluster.mjs mock (npm run mock now)': [process.execPath, 'bin/re-cluster.mjs', 'mock', ...MOCK_ARGS],
  'node dist/mock/server/main.js': [process.execPath, 'dist/mock/server/main.js', ...MOCK_ARGS],
  'npm run mock (npm itself included)': ['npm', 'run', '--silent', 'mock', '--', ...MOCK_ARGS],
};

/** The resident memory of a process and all its descendants (tsx and npm start children), in bytes. */
function treeRss(root: number): number {
  const parents = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended meanwhile.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) if (tree.has(ppid) && !tree.has(pid)) (tree.add(pid), (grew = true));
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // It ended meanwhile.
    }
  }
  return kb * 1024;
}

/** Starts one way, waits for its `listening` line, measures, stops it (the whole group). */
function once(argv: readonly string[]): Promise<{ ms: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    const timer = setTimeout(() => finish(new Error(`no listening line in 30 s: ${err.slice(0, 300)}`)), 30_000);
    const finish = (e?: Error, value?: { ms: number; rss: number }) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      child.once('exit', () => (e ? reject(e) : resolve(value!)));
      if (child.exitCode !== null) e ? reject(e) : resolve(value!);
    };
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('"listening"')) finish(undefined, { ms: performance.now() - started, rss: treeRss(child.pid!) });
    });
  });
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const seen = new Map<string, { ms: number[]; rss: number[] }>(Object.keys(WAYS).map((w) => [w, { ms: [], rss: [] }]));
// The build is brought up to date first, so no round of the new way pays for it.
await once(WAYS['node bin/re-cluster.mjs mock (npm run mock now)']!);
for (let r = 0; r < rounds; r++) {
  for (const [way, argv] of Object.entries(WAYS)) {
    const m = await once(argv);
    seen.get(way)!.ms.push(m.ms);
    seen.get(way)!.rss.push(m.rss);
  }
}
console.log(`## Time to listen: npm run mock ${MOCK_ARGS.join(' ')} (median of ${rounds}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.availableParallelism()} cores)\n`);
console.log(markdownTable([['started as', 'listening after', 'RSS of its processes then'], ...[...seen].map(([way, m]) => [way, fmtMs(median(m.ms)), fmtMB(median(m.rss))])]));
