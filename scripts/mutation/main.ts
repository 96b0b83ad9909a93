/**
 * `npm run mutation -- [options]`: mutation testing of the mock's decision logic with StrykerJS,
 * judged by the conformance suite (decisions/0016-mutation-testing.md). Writes docs/mutation.md
 * and docs/mutation.json; Stryker's raw output stays under reports/mutation/ (not in git).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { listMutants } from './enumerate.ts';
import { filesToMutate, walk } from './files.ts';
import { PRISTINE, RAW_DIR, RUN_DIR, TEMP_DIR } from './paths.ts';
import { MUTATION_BUDGET, type RunPlan } from './plan.ts';
import { sample, type ListedMutant } from './sample.ts';
import { loadEquivalents } from './equivalent.ts';
import { judged, type StrykerReport } from './results.ts';
import { markdownReport, trimmedReport, type RunFacts } from './report.ts';
import type { Verdict } from './verdicts.ts';

const USAGE = `Usage: npm run mutation -- [options]

Mutates the mock's decision logic (machines, domain rules and fold, views, the edge's ports and
certificates), one mutant at a time, and runs the conformance suite against each mutated mock.

  --sample <n>          judge a deterministic sample of n mutants (default: all of them)
  --seed <s>            the sample's seed and the suite's (default 1)
  --time-limit <min>    start no mutant after this many minutes; the report says what ran
  --concurrency <n>     judges side by side (default: the CPUs, at most 2)
  --files <a,b>         only the files whose path contains one of these (e.g. domain/rules/ports.ts)
  --runs <n>            sequences per area and mutant (default ${MUTATION_BUDGET.runs})
  --max-commands <n>    longest sequence (default ${MUTATION_BUDGET.maxCommands})
  --whole               judge every mutant with the whole suite, not only the units that reached it
  --only <id,id>        of the sample, judge only these ids (to compare --whole with the default)
  --out <name>          write <name>.md and <name>.json (default docs/mutation)
  --report-only         write the report again from the last run's raw output (reports/mutation/),
                        e.g. after curating scripts/mutation/equivalent.yaml
  -h, --help
`;

class Usage extends Error {}

const num = (name: string, v: string | undefined, min = 1): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new Usage(`--${name} must be a whole number ≥ ${min}`);
  return Number(v);
};

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
    args: argv,
    options: {
      sample: { type: 'string' }, seed: { type: 'string' }, 'time-limit': { type: 'string' }, concurrency: { type: 'string' },
      files: { type: 'string' }, runs: { type: 'string' }, 'max-commands': { type: 'string' }, out: { type: 'string' }, whole: { type: 'boolean' }, only: { type: 'string' }, 'report-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
    });
  } catch (e) {
    throw new Usage((e as Error).message);
  }
  const o = parsed.values;
  if (o.help) return (process.stdout.write(USAGE), 0);
  if (o['report-only']) return writeReport(o.out);
  const seed = num('seed', o.seed, 0) ?? 1;
  const n = num('sample', o.sample);
  const concurrency = num('concurrency', o.concurrency) ?? Math.min(2, availableParallelism());
  const timeLimitMin = num('time-limit', o['time-limit']);
  const budget = { ...MUTATION_BUDGET, runs: num('runs', o.runs) ?? MUTATION_BUDGET.runs, maxCommands: num('max-commands', o['max-commands']) ?? MUTATION_BUDGET.maxCommands, perUnit: !o.whole };
  const files = filesToMutate(walk(PRISTINE), o.files ? o.files.split(',').map((s) => s.trim()) : []);
  if (!files.length) throw new Usage(`--files ${o.files}: no file to mutate matches`);

  const started = Date.now();
  const all = await listMutants(PRISTINE, files);
  // Drawn from a canonical order (path, then place in the file), not the crawl's, which depends on
  // the file system: the same seed draws the same mutants on any machine.
  const canonical = [...all].sort((a, b) => (a.fileName === b.fileName ? Number(a.id) - Number(b.id) : a.fileName < b.fileName ? -1 : 1));
  const only = o.only?.split(',').map((s) => s.trim());
  const drawn = sample(canonical, n, seed);
  if (only?.some((id) => !drawn.some((m) => m.id === id))) throw new Usage(`--only ${o.only}: not all of these ids are in the sample`);
  const chosen = drawn.filter((m) => !only || only.includes(m.id)).sort((a, b) => Number(a.id) - Number(b.id));
  process.stderr.write(`${all.length} mutants in ${files.length} files; judging ${chosen.length} (seed ${seed})\n`);
  rmSync(RAW_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  const plan: RunPlan = {
    sample: chosen.map((m) => m.id),
    deadline: timeLimitMin ? started + timeLimitMin * 60_000 : Number.MAX_SAFE_INTEGER,
    seed,
    budget,
    sites: chosen.map((m) => ({
      file: join(PRISTINE, m.fileName),
      start: { line: m.location.start.line + 1, column: m.location.start.column },
      end: { line: m.location.end.line + 1, column: m.location.end.column },
    })),
  };
  writeFileSync(join(RUN_DIR, 'plan.json'), JSON.stringify(plan));

  // Stryker's worker processes load the ignorer, and the judges are TypeScript: all run under tsx.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${import.meta.resolve('tsx')}`.trim();
  const strykerJson = join(RAW_DIR, 'stryker.json');
  await new Stryker({
    testRunner: 'command',
    commandRunner: { command: `node ${JSON.stringify(join(PRISTINE, 'scripts', 'mutation', 'judge.ts'))}` },
    plugins: [join(PRISTINE, 'scripts', 'mutation', 'ignorer.ts'), join(PRISTINE, 'scripts', 'mutation', 'traceability.ts')],
    ignorers: ['traceability', 'mutation-sample'],
    mutate: files,
    checkers: [],
    coverageAnalysis: 'off',
    concurrency,
    // A survivor runs the whole budget, as the dry run did; on a machine shared with other work one
    // took 1.8 times as long. Past three times that (and a minute of start-up) it hangs.
    timeoutFactor: 3,
    timeoutMS: 60_000,
    // The dry run walks the graph seeds too (every transition's shortest path): on a loaded machine
    // it took 10 minutes, past Stryker's default of 5, which then stops the whole run.
    dryRunTimeoutMinutes: 30,
    disableTypeChecks: false,
    reporters: ['json', 'progress'],
    jsonReporter: { fileName: strykerJson },
    tempDirName: TEMP_DIR,
    cleanTempDir: true,
    incremental: false,
    ignorePatterns: ['reports', 'docs', 'bench/out', '.data', '.ci', 'conformance-failure.*'],
    logLevel: 'warn' as never,
  }).runMutationTest();
  const wallMs = Date.now() - started;

  const version = JSON.parse(readFileSync(join(PRISTINE, 'node_modules', '@stryker-mutator', 'core', 'package.json'), 'utf8')).version;
  const facts: Omit<RunFacts, 'dryRun'> = { command: `npm run mutation -- ${argv.join(' ')}`.trim(), seed, sample: n, total: all.length, files: files.length, concurrency, version, wallMs, budget, timeLimitMin };
  writeFileSync(join(RUN_DIR, 'facts.json'), JSON.stringify(facts));
  writeFileSync(join(RUN_DIR, 'listed.json'), JSON.stringify(all));
  return writeReport(o.out);
}

/** The report from a run's raw output (after a run, or again with --report-only once equivalents are curated). */
function writeReport(name = 'docs/mutation'): number {
  const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8'));
  const verdicts = new Map<string, Verdict>(readdirSync(join(RUN_DIR, 'verdicts')).map((f) => [f.replace(/\.json$/, ''), read<Verdict>(join(RUN_DIR, 'verdicts', f))]));
  const stryker = read<StrykerReport>(join(RAW_DIR, 'stryker.json'));
  const plan = read<RunPlan>(join(RUN_DIR, 'plan.json'));
  const facts = read<Omit<RunFacts, 'dryRun'>>(join(RUN_DIR, 'facts.json'));
  const results = judged(stryker, read<ListedMutant[]>(join(RUN_DIR, 'listed.json')), plan, verdicts, loadEquivalents());
  const out = join(PRISTINE, name);
  writeFileSync(`${out}.md`, markdownReport(results, { ...facts, dryRun: verdicts.get('dry-run') }));
  writeFileSync(`${out}.json`, `${JSON.stringify(trimmedReport(stryker, results), null, 1)}\n`);
  process.stderr.write(`Report: ${out}.md (${results.score.text})\n`);
  return results.counts.error ? 2 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Stryker's own failures (a dry run that does not pass) are told without the usage.
  process.stderr.write(e instanceof Usage ? `${e.message}\n\n${USAGE}` : `npm run mutation: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
