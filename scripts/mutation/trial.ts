/**
 * `npx tsx scripts/mutation/trial.ts [--file F --from TEXT --to TEXT] [--runs N] [--max-commands N] [--no-graph-seeds]`:
 * judges ONE hand-made mutant (or none: the unmutated mock) in minutes, without Stryker. It
 * copies the project into a sandbox of its own (as Stryker does, node_modules linked), replaces
 * TEXT by its replacement once in F there, and starts the same judge as a run does, with a plan
 * and verdicts of its own (reports/mutation-trial/), so it never meets a run in progress.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRISTINE, TEMP_DIR } from './paths.ts';
import { MUTATION_BUDGET, type RunPlan } from './plan.ts';

const { values: o } = parseArgs({ options: { file: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, runs: { type: 'string' }, 'max-commands': { type: 'string' }, seed: { type: 'string' }, 'no-graph-seeds': { type: 'boolean' } } });
const sandbox = join(PRISTINE, TEMP_DIR, `trial-${process.pid}`);
const runDir = join(PRISTINE, 'reports', 'mutation-trial', String(process.pid));
const SKIP = new Set(['node_modules', '.git', '.stryker-tmp', 'reports', 'docs', '.data']);
mkdirSync(sandbox, { recursive: true });
try {
  for (const name of readdirSync(PRISTINE).filter((n) => !SKIP.has(n))) cpSync(join(PRISTINE, name), join(sandbox, name), { recursive: true });
  symlinkSync(join(PRISTINE, 'node_modules'), join(sandbox, 'node_modules'));
  if (o.file) {
    const path = join(sandbox, o.file);
    const text = readFileSync(path, 'utf8');
    if (o.from === undefined || o.to === undefined || !text.includes(o.from)) throw new Error(`--from must be text of ${o.file}, with --to`);
    writeFileSync(path, text.replace(o.from, o.to));
  }
  mkdirSync(join(runDir, 'verdicts'), { recursive: true });
  const budget = { ...MUTATION_BUDGET, ...(o.runs ? { runs: Number(o.runs) } : {}), ...(o['max-commands'] ? { maxCommands: Number(o['max-commands']) } : {}), ...(o['no-graph-seeds'] ? { graphSeeds: false } : {}) };
  const plan: RunPlan = { sample: ['trial'], deadline: Number.MAX_SAFE_INTEGER, seed: Number(o.seed ?? 1), budget, sites: [] };
  writeFileSync(join(runDir, 'plan.json'), JSON.stringify(plan));
  // A run's judges take as baseline the areas the dry run could not run; a trial assumes none.
  writeFileSync(join(runDir, 'verdicts', 'dry-run.json'), JSON.stringify({ id: 'dry-run', verdict: 'survived', ms: 0, notRun: [] }));
  const judge = (mutant?: string) =>
    spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(PRISTINE, 'scripts', 'mutation', 'judge.ts')], {
      cwd: sandbox,
      stdio: 'inherit',
      env: { ...process.env, MUTATION_RUN_DIR: runDir, ...(mutant ? { __STRYKER_ACTIVE_MUTANT__: mutant } : {}) },
    });
  const started = Date.now();
  const r = judge(o.file ? 'trial' : undefined);
  process.stderr.write(`trial: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = r.status ?? 2;
} finally {
  rmSync(sandbox, { recursive: true, force: true });
}
