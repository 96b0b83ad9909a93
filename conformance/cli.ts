/**
 * `npm run conformance -- [options]`: checks a target against the specification.
 * Exit codes: 0 sequences ran and the target conformed in all of them; 1 the target does not
 * conform; 2 the suite could not check it (usage, configuration, an unreachable target, refused
 * credentials, an untrusted certificate, nothing runnable).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../spec/catalog.ts';
import { OBSERVED_REQS } from './observe.ts';
import { AREAS, areaRequirements } from './arbitraries.ts';
import { CHECKS } from './checks/index.ts';
import { junitReport } from './report/junit.ts';
import { textReport } from './report/text.ts';
import { curlScript, reproducerFiles } from './reproducer.ts';
import { typescriptReproducer } from './reproducerTs.ts';
import { runSuite, type SuiteResult } from './suite.ts';
import { HooksConfigError, loadHooksConfig } from './target/hooks/config.ts';
import { withHooks } from './target/hooks/hooksControl.ts';
import { httpTarget } from '../api/http.ts';
import { inProcessTarget } from './target/inProcess.ts';
import { inspectUrlProblem, withInspectDefault } from '../inspect/index.ts';
import { TargetUnreachable, type Target } from '../api/target.ts';
import { ADOPT_DEFAULTS } from './adopt/session.ts';
import { PROFILES, type Profile } from './profile.ts';
import type { Restoration } from './adopt/restore.ts';
import { Interrupted } from './start/interrupt.ts';

const USAGE = () => `Usage: npm run conformance -- [options]

Checks a Redis Enterprise–compatible cluster API against the specification (the machines in
machines/): random command sequences, the machines predicting every answer and state.
Without --target it checks the built-in mock, in-process. A target without the control
protocol's reset (a real cluster) is adopted as it is: the run creates only databases named with
its prefix, changes only settings it restores, and puts the cluster back after every sequence and
at the end (also on failure, time-out, SIGINT, SIGTERM). It reads GET /v1/cluster first.
Exit codes: 0 sequences ran and passed; 1 the target does not conform; 2 it could not be checked
(unreachable, credentials refused, certificate not trusted, nothing runnable, not restored).

Target:
  --target <url>        the REST API, e.g. https://127.0.0.1:9443
  --control <url>       its test-control protocol (spec/control.md), e.g. https://127.0.0.1:9443/control/v1
  --http-target <url>   where the same API is served over plain HTTP (cnm_http_port), e.g.
                        http://127.0.0.1:8080: runs the http-support check
  --hooks <file>        or: the control operations as shell hooks (YAML/JSON; a real cluster; see README)
  --user <name>         Basic auth user
  --password <secret>   Basic auth password (default: $CONFORMANCE_PASSWORD)
  --ca <file>           trust this CA / self-signed certificate (PEM)
  --insecure            accept any certificate
  --timeout-ms <ms>     per request (default 10000)
  --rate-limit <n>      at most n requests per second
  --inspect [ws-url]    in-process only: stream the mock's machines to a Stately inspector (default ws://127.0.0.1:4242)
Run:
  --profile documented|model   how strictly answers are compared: documented (the default with
                        --target) compares what the vendor documents — documented error codes and
                        statuses exactly, decided ones (spec/semantics.md) by their 4xx class, the
                        run's own log entries; model (the default in-process) every answer exactly
  --area <names>        only these areas, comma-separated: ${[...AREAS, ...CHECKS].map((a) => a.name).join(', ')}
  --requirement <ids>   only the areas that check these requirement IDs, comma-separated
  --tag <docs>          only the areas that check requirements of these documents, comma-separated:
                        ${TAGS.join(', ')}
  --fail-fast           stop after the first area that fails
  --seed <n>            replay a run (printed by every run)
  --runs <n>            random command sequences per area (default 30); "mixed" first replays the
                        shortest paths to every machine transition
  --max-commands <n>    longest sequence (default 25)
  --clients <n>         also the concurrent area: batches of database changes and reads sent by n
                        clients at once, each batch's history checked for linearizability (default 1: none)
  --time-budget <s>     stop starting sequences after this many seconds (default 120)
  --recheck-sequences <n>   in how many sequences of the run each costly check (certificates, the
                        internode listener, the data plane, http_support) is read again after each step that changes it
                        (default: every sequence with --target, 1 in-process)
  --report junit|json --out <file>   also write the result (JUnit XML: one test case per area)
  --reproducer <name>   on failure, write <name>.sh (curl), <name>.ts (TypeScript) and <name>.json (the
                        result, for --replay); default conformance-failure
Adopt mode (a target without the control protocol's reset, such as a real cluster):
  --max-databases <n>   at most n databases of the run's own at once (default 3)
  --database-memory <bytes>   memory_size of each database it creates (default 104857600, 100 MiB)
  --replay <file>       re-run the failure a result file holds (<name>.json, or --report json)
  -h, --help
`;

class Usage extends Error {}

const int = (name: string, v: string | undefined, fallback: number, min = 0) => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new Usage(`--${name} must be a whole number ≥ ${min}`);
  return Number(v);
};

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: withInspectDefault(argv),
      strict: true,
      options: {
        target: { type: 'string' }, control: { type: 'string' }, 'http-target': { type: 'string' }, hooks: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' },
        ca: { type: 'string' }, insecure: { type: 'boolean' }, 'timeout-ms': { type: 'string' }, 'rate-limit': { type: 'string' },
        area: { type: 'string' }, requirement: { type: 'string' }, tag: { type: 'string' }, 'fail-fast': { type: 'boolean' },
        seed: { type: 'string' }, runs: { type: 'string' }, 'max-commands': { type: 'string' }, clients: { type: 'string' }, 'time-budget': { type: 'string' }, 'recheck-sequences': { type: 'string' },
        'max-databases': { type: 'string' }, profile: { type: 'string' }, 'database-memory': { type: 'string' },
        report: { type: 'string' }, out: { type: 'string' }, reproducer: { type: 'string' }, replay: { type: 'string' }, inspect: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    throw new Usage((e as Error).message);
  }
}

function targetFrom(o: ReturnType<typeof parse>): Target {
  if (!o.target) {
    const needsTarget = (['control', 'hooks', 'http-target'] as const).find((k) => o[k] !== undefined);
    if (needsTarget) throw new Usage(`--${needsTarget} needs --target`);
    if (o.inspect !== undefined && inspectUrlProblem(o.inspect)) throw new Usage(inspectUrlProblem(o.inspect)!);
    return inProcessTarget(o.inspect ? { inspect: o.inspect } : {});
  }
  if (o.inspect !== undefined) throw new Usage('--inspect watches the in-process mock; for a server, start it with npm run mock -- --inspect');
  let ca: string | undefined;
  try {
    ca = o.ca ? readFileSync(o.ca, 'utf8') : undefined;
  } catch (e) {
    throw new Usage(`--ca: ${(e as Error).message}`);
  }
  for (const [name, url] of [['target', o.target], ['control', o.control], ['http-target', o['http-target']]] as const) {
    if (url && !/^https?:\/\/[^/]+/.test(url)) throw new Usage(`--${name} must be an http(s) URL`);
  }
  if (o.hooks && o.control) throw new Usage('--hooks and --control are alternatives: give one');
  let hooks;
  try {
    hooks = o.hooks ? loadHooksConfig(o.hooks) : undefined;
  } catch (e) {
    if (e instanceof HooksConfigError) throw new Usage(`--hooks: ${e.message}`);
    throw e;
  }
  const target = httpTarget({
    url: o.target,
    ...(o.control ? { controlUrl: o.control } : {}),
    ...(o['http-target'] ? { plainUrl: o['http-target'] } : {}),
    ...(o.user ? { user: o.user, password: o.password ?? process.env.CONFORMANCE_PASSWORD ?? '' } : {}),
    ...(ca ? { ca } : {}),
    insecure: o.insecure ?? false,
    timeoutMs: int('timeout-ms', o['timeout-ms'], 10_000, 1),
    rateLimit: int('rate-limit', o['rate-limit'], 0),
  });
  return hooks ? withHooks(target, hooks, undefined, o.hooks) : target;
}

/**
 * Tags are the documents the requirements come from (spec/requirements/*.yaml `source.doc`), so
 * someone proving a cluster follows one document runs what checks that document.
 */
const CATALOG = loadCatalog();
const tagOf = (doc: string) => doc.replace(/^.*\//, '').replace(/\.md$/, '');
const TAGS = [...new Set(CATALOG.map((r) => tagOf(r.source.doc)))].sort();

/** The areas `--area`, `--requirement` and `--tag` select (all by default). */
function selectAreas(o: ReturnType<typeof parse>): string[] {
  const area = (name: string) => AREAS.find((a) => a.name === name);
  const requirementsOf = (name: string) => CHECKS.find((c) => c.name === name)?.reqs ?? (area(name) ? areaRequirements(area(name)!) : []);
  // The concurrent area runs whenever --clients asks for it; named alone, it runs alone.
  let names = [...AREAS, ...CHECKS].map((a) => a.name).concat(int('clients', o.clients, 1, 1) > 1 ? ['concurrent'] : []);
  if (o.area) {
    const asked = o.area.split(',').map((s) => s.trim());
    const unknown = asked.filter((a) => !names.includes(a));
    if (unknown.length) throw new Usage(`unknown area ${unknown.join(', ')}; areas: ${names.join(', ')}`);
    names = asked;
  }
  if (o.requirement) {
    const ids = o.requirement.split(',').map((s) => s.trim());
    names = names.filter((n) => requirementsOf(n).some((r) => ids.includes(r)));
    if (!names.length) throw new Usage(`no area checks ${ids.join(', ')}`);
  }
  if (o.tag) {
    const tags = o.tag.split(',').map((s) => s.trim());
    const unknown = tags.filter((t) => !TAGS.includes(t));
    if (unknown.length) throw new Usage(`unknown tag ${unknown.join(', ')}; tags: ${TAGS.join(', ')}`);
    const ids = new Set(CATALOG.filter((r) => tags.includes(tagOf(r.source.doc))).map((r) => r.id));
    // By what an area's own commands check: the state read after every step is in every area.
    const observed = new Set<string>(OBSERVED_REQS);
    names = names.filter((n) => requirementsOf(n).some((r) => ids.has(r) && !observed.has(r)));
    if (!names.length) throw new Usage(`no area checks a requirement of ${tags.join(', ')}`);
  }
  return names;
}

/** The failing area, seed and path a `--report json` file recorded. */
function savedFailure(file: string): { area: string; seed: number; path: string; replayPath: string } {
  let saved: SuiteResult;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Usage(`--replay: ${(e as Error).message}`);
  }
  const failed = saved.areas?.find((a) => a.failure);
  if (!failed || typeof saved.seed !== 'number') throw new Usage(`--replay: ${file} records no failure`);
  return { area: failed.name, seed: saved.seed, path: failed.failure!.path, replayPath: failed.failure!.replayPath };
}

/** What putting an adopted cluster back did, as the operator reads it (stderr: it is not the verdict). */
function printRestoration(r: Restoration | undefined): void {
  if (!r) return;
  const lines = [`Put the cluster back as the run found it: ${r.restored.length ? '' : 'nothing to undo'}`, ...r.restored.map((l) => `  ${l}`)];
  if (r.unrestored.length) lines.push('COULD NOT RESTORE (put these back by hand):', ...r.unrestored.map((l) => `  ${l}`));
  process.stderr.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<number> {
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
      process.stdout.write(USAGE());
      return 0;
    }
    if (o.report !== undefined && o.report !== 'json' && o.report !== 'junit') throw new Usage('--report takes junit or json');
    if (o.report && !o.out) throw new Usage('--report needs --out <file>');
    target = targetFrom(o);
    const started = Date.now();
    const replay = o.replay ? savedFailure(o.replay) : undefined;
    const areas = replay ? [replay.area] : selectAreas(o);
    if (replay?.area === 'concurrent' && int('clients', o.clients, 1, 1) < 2) throw new Usage('--replay of the concurrent area: give the same --clients as the run');
    const profile = o.profile ?? (o.target ? 'documented' : 'model');
    if (!PROFILES.includes(profile as Profile)) throw new Usage(`--profile takes ${PROFILES.join(' or ')}`);
    const result = await runSuite(target, {
      profile: profile as Profile,
      areas,
      failFast: o['fail-fast'] ?? false,
      ...(replay ? { seed: replay.seed, path: replay.path, replayPath: replay.replayPath } : {}),
      ...(o.seed !== undefined ? { seed: int('seed', o.seed, 0) } : {}),
      runs: int('runs', o.runs, 30, 1),
      maxCommands: int('max-commands', o['max-commands'], 25, 1),
      clients: int('clients', o.clients, 1, 1),
      // Reading certificates is cheap on a real cluster; the built-in mock makes a key for each.
      recheckSequences: int('recheck-sequences', o['recheck-sequences'], o.target ? 1_000_000 : 1, 0),
      timeBudgetMs: int('time-budget', o['time-budget'], 120, 1) * 1000,
      adopt: { maxDatabases: int('max-databases', o['max-databases'], ADOPT_DEFAULTS.maxDatabases, 1), databaseMemory: int('database-memory', o['database-memory'], ADOPT_DEFAULTS.databaseMemory, 1) },
      signal: abort.signal,
      onRestored: (r) => (restoration = r),
      onRun: (n) => process.stderr.isTTY && process.stderr.write(`\r  sequence ${n}`),
      // One line per area as it ends, on stderr (the summary on stdout stays the report).
      onArea: (a) => process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}  ${a.outcome.padEnd(7)} ${a.name} (${a.runs} runs, ${(a.ms / 1000).toFixed(1)} s)${a.notRun ? ` ${a.notRun}` : ''}\n`),
    });
    if (process.stderr.isTTY) process.stderr.write('\r');
    process.stdout.write(`${textReport(result, target.description, Date.now() - started)}\n`);
    if (o.out) writeFileSync(o.out, o.report === 'junit' ? junitReport(result, target.description) : JSON.stringify(result, null, 2));
    if (result.failure) {
      const files = reproducerFiles(o.reproducer);
      writeFileSync(files.sh, curlScript(result.failure.requests, result.seed), { mode: 0o755 });
      writeFileSync(files.ts, typescriptReproducer(result.failure.requests, result.seed));
      writeFileSync(files.json, JSON.stringify(result, null, 2));
      process.stdout.write(`Reproducers (any target): ${files.sh} (curl), ${files.ts} (npx tsx; exits 0 once the target behaves)\n`);
      process.stdout.write(`The same run, exactly (this target): npm run conformance -- --replay ${files.json} ...the same target options\n`);
    }
    // Left changed by the run: the operator must hear it, and the job must not go green.
    if (restoration?.unrestored.length) return result.outcome === 'failed' ? 1 : 2;
    if (result.outcome === 'not-run') {
      // Nothing checked is not a pass: a job wired to a target it cannot check must not go green.
      process.stderr.write(`The target cannot be checked: nothing could run (${result.notRun})\n`);
      return 2;
    }
    return result.outcome === 'failed' ? 1 : 0;
  } catch (e) {
    if (e instanceof Usage) {
      process.stderr.write(`${e.message}\n\n${USAGE()}`);
      return 2;
    }
    if (e instanceof Interrupted) {
      process.stderr.write(`The run was ${e.message}: no verdict.\n`);
      printRestoration(restoration);
      return abort.signal.reason === 'SIGTERM' ? 143 : 130;
    }
    if (e instanceof TargetUnreachable) {
      process.stderr.write(`The target cannot be used: ${e.message}\n`);
      printRestoration(restoration);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
