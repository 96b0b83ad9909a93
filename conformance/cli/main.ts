/**
 * `npm run conformance -- [options]`: checks a target against the specification.
 * Exit codes: 0 sequences ran and the target conformed in all of them; 1 the target does not
 * conform; 2 the suite could not check it (usage, configuration, an unreachable target, refused
 * credentials, an untrusted certificate, nothing runnable).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import { ADOPT_DEFAULTS } from '../adopt/session.ts';
import type { Restoration } from '../adopt/restore.ts';
import { PROFILES, type Profile } from '../profile.ts';
import { jsonReport } from '../report/json.ts';
import { junitReport } from '../report/junit.ts';
import { textReport } from '../report/text.ts';
import { curlScript, reproducerFiles } from '../reproducer.ts';
import { typescriptReproducer } from '../reproducerTs.ts';
import { Interrupted } from '../start/interrupt.ts';
import type { SuiteOptions, SuiteResult } from '../suite.ts';
import { DEFAULT_WORKERS, runParallel } from '../parallel/run.ts';
import { int, mutantNamed, parse, targetFrom } from './args.ts';
import { listAreas, listMutants } from './list.ts';
import { selectAreas, sharded } from './select.ts';
import { USAGE } from './usage.ts';
import { Usage, usageLine } from './usageError.ts';

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress redrawn in place). */
  readonly tty: boolean;
}

const PROCESS_IO: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), tty: process.stderr.isTTY === true };

const TOOL = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();

/** The failing area, seed and path a `--report json` file recorded. */
function savedFailure(file: string): { area: string; seed: number; path: string; replayPath: string; mutant?: string; maxCommands?: number } {
  let saved: SuiteResult & { options?: { mutant?: unknown; maxCommands?: unknown } };
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Usage(`--replay: ${(e as Error).message}`);
  }
  const failed = saved.areas?.find((a) => a.failure);
  if (!failed || typeof saved.seed !== 'number') throw new Usage(`--replay: ${file} records no failure`);
  // What the run was given that shapes its sequences: the replay path is read against them.
  const mutant = typeof saved.options?.mutant === 'string' ? { mutant: saved.options.mutant } : {};
  const maxCommands = typeof saved.options?.maxCommands === 'number' ? { maxCommands: saved.options.maxCommands } : {};
  return { area: failed.name, seed: saved.seed, path: failed.failure!.path, replayPath: failed.failure!.replayPath, ...mutant, ...maxCommands };
}

/** What putting an adopted cluster back did, as the operator reads it (stderr: it is not the verdict). */
function restorationText(r: Restoration | undefined): string {
  if (!r) return '';
  const lines = [`Put the cluster back as the run found it: ${r.restored.length ? '' : 'nothing to undo'}`, ...r.restored.map((l) => `  ${l}`)];
  if (r.unrestored.length) lines.push('COULD NOT RESTORE (put these back by hand):', ...r.unrestored.map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], io: Io = PROCESS_IO): Promise<number> {
  let target: Target | undefined;
  let restoration: Restoration | undefined;
  // Ctrl-C or a CI job's cancellation: the run stops at its next request and puts the cluster back.
  const abort = new AbortController();
  // A second one while the cluster is being put back stops at once: a hung restore must not hold the operator.
  const onSignal = (signal: NodeJS.Signals) => (abort.signal.aborted ? process.exit(signal === 'SIGTERM' ? 143 : 130) : abort.abort(signal));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const o = parse(argv);
    if (o.help) {
      io.stdout(USAGE());
      return 0;
    }
    if (o.list || o['list-mutants']) {
      io.stdout(o.list ? listAreas() : listMutants());
      return 0;
    }
    if (o.report !== undefined && o.report !== 'json' && o.report !== 'junit') throw new Usage(`--report takes junit or json, not "${o.report}"`);
    if (o.out !== undefined && !o.report) throw new Usage('--out names where --report writes: give --report junit or json');
    if (o.out === '') throw new Usage('--out needs a file name');
    if (o.mutant !== undefined) mutantNamed(o.mutant);
    const profile = o.profile ?? (o.target ? 'documented' : 'model');
    if (!PROFILES.includes(profile as Profile)) throw new Usage(`--profile takes ${PROFILES.join(' or ')}`);
    const replay = o.replay ? savedFailure(o.replay) : undefined;
    const clients = int('clients', o.clients, 1, 1);
    const areas = replay ? [replay.area] : sharded(o.shard, selectAreas({ ...o, clients }));
    if (replay?.area === 'concurrent' && clients < 2) throw new Usage('--replay of the concurrent area: give the same --clients as the run');
    const workers = int('workers', o.workers, DEFAULT_WORKERS, 1);
    // A replay path indexes the saved run's sequences: another length draws other sequences.
    if (replay?.maxCommands !== undefined && o['max-commands'] !== undefined && int('max-commands', o['max-commands'], 25, 1) !== replay.maxCommands) {
      throw new Usage(`--replay runs with the saved run's --max-commands (${replay.maxCommands}): leave it out`);
    }
    const options = {
      profile: profile as Profile,
      areas,
      failFast: o['fail-fast'] ?? false,
      ...(replay ? { seed: replay.seed, path: replay.path, replayPath: replay.replayPath } : {}),
      ...(o.seed !== undefined ? { seed: int('seed', o.seed, 0) } : {}),
      runs: int('runs', o.runs, 30, 1),
      maxCommands: int('max-commands', o['max-commands'], replay?.maxCommands ?? 25, 1),
      // --area without `concurrent` leaves it out, whatever --clients says.
      clients: areas.includes('concurrent') ? clients : 1,
      // Reading certificates is cheap on a real cluster; the built-in mock makes a key for each.
      recheckSequences: int('recheck-sequences', o['recheck-sequences'], o.target ? 1_000_000 : 1, 0),
      timeBudgetMs: int('time-budget', o['time-budget'], 120, 1) * 1000,
      adopt: { maxDatabases: int('max-databases', o['max-databases'], ADOPT_DEFAULTS.maxDatabases, 1), databaseMemory: int('database-memory', o['database-memory'], ADOPT_DEFAULTS.databaseMemory, 1) },
    } satisfies SuiteOptions;
    // A failure found on a broken variant replays on it, unless the command line names a target.
    target = targetFrom(replay?.mutant !== undefined && o.mutant === undefined && o.target === undefined ? { ...o, mutant: replay.mutant } : o);
    const started = new Date();
    // A report on stdout must stay parseable: the person's summary goes to stderr then.
    const summary = o.report && o.out === undefined ? io.stderr : io.stdout;
    const inProcessMutant = o.target === undefined ? (o.mutant ?? replay?.mutant) : undefined;
    const result = await runParallel(target, {
      ...options,
      signal: abort.signal,
      onRestored: (r) => (restoration = r),
      onRun: (n) => io.tty && io.stderr(`\r  sequence ${n}`),
      // One line per area as it ends, on stderr (the summary stays the report).
      onArea: (a) => io.stderr(`${io.tty ? '\r' : ''}  ${a.outcome.padEnd(7)} ${a.name} (${a.runs} runs, ${(a.ms / 1000).toFixed(1)} s)${a.notRun ? ` ${a.notRun}` : ''}\n`),
    }, { workers, ...(o.target || o.inspect ? {} : { recipe: inProcessMutant !== undefined ? { mutant: inProcessMutant } : {} }) });
    const ended = new Date();
    if (io.tty) io.stderr('\r');
    summary(`${textReport(result, target.description, ended.getTime() - started.getTime())}\n`);
    const mutant = o.mutant ?? (o.target === undefined ? replay?.mutant : undefined);
    const asked = { ...options, ...(mutant !== undefined ? { mutant } : {}), ...(o.replay ? { replay: o.replay } : {}) };
    const json = `${JSON.stringify(jsonReport(result, { tool: TOOL, target: target.description, options: asked, started, ended }), null, 2)}\n`;
    if (o.report) {
      const report = o.report === 'junit' ? junitReport(result, target.description) : json;
      if (o.out !== undefined) writeFileSync(o.out, report);
      else io.stdout(report);
    }
    if (result.failure) {
      const files = reproducerFiles(o.reproducer);
      writeFileSync(files.sh, curlScript(result.failure.requests, result.seed), { mode: 0o755 });
      writeFileSync(files.ts, typescriptReproducer(result.failure.requests, result.seed));
      writeFileSync(files.json, json);
      summary(`Reproducers (any target): ${files.sh} (curl), ${files.ts} (npx tsx; exits 0 once the target behaves)\n`);
      summary(`The same run, exactly (this target): npm run conformance -- --replay ${files.json} ...the same target options\n`);
    }
    // Left changed by the run: the operator must hear it, and the job must not go green.
    if (restoration?.unrestored.length) return result.outcome === 'failed' ? 1 : 2;
    if (result.outcome === 'not-run') {
      // Nothing checked is not a pass: a job wired to a target it cannot check must not go green.
      io.stderr(`The target cannot be checked: nothing could run (${result.notRun})\n`);
      return 2;
    }
    return result.outcome === 'failed' ? 1 : 0;
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr(`${usageLine(e)}\n`);
      return 2;
    }
    if (e instanceof Interrupted) {
      io.stderr(`The run was ${e.message}: no verdict.\n${restorationText(restoration)}`);
      return abort.signal.reason === 'SIGTERM' ? 143 : 130;
    }
    if (e instanceof TargetUnreachable) {
      io.stderr(`${e.untrusted ? e.message : `The target cannot be used: ${e.message}`}\n${restorationText(restoration)}`);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target?.close();
  }
}
