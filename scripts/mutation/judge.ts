/**
 * The judge Stryker's command runner starts once per mutant, in its sandbox (the working
 * directory: a copy of the project with every mutant instrumented, one active through
 * `__STRYKER_ACTIVE_MUTANT__`). It serves the mock from the SANDBOX and checks it with the suite
 * of the PRISTINE tree (this file's own tree): the suite's model uses `machines/` and `domain/`
 * as they are, the mock their mutated copies. ES modules from different paths are different
 * instances, so the two never share a line of mutated code (judge.test.ts proves it).
 *
 * Exit 0: the suite passed (survived). Exit 1: the suite failed or the mock could not run
 * (killed). Every outcome is also written as a verdict file, so the report can tell a kill from
 * an error of the judge (which exits 1 too: Stryker has no other way to hear it).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Verdict } from './verdicts.ts';
import type { RunPlan } from './plan.ts';
import { PRISTINE, RUN_DIR, TEMP_DIR } from './paths.ts';
import { STARTUP, unitsFor, wanted, type Selection, type UnitCoverage } from './units.ts';

const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
const sandbox = resolve(process.cwd());
const started = Date.now();
/** The units of the suite this mutant's run needs (scripts/mutation/units.ts); none for the dry run, which runs all. */
let selection: Selection | undefined;

function record(verdict: Omit<Verdict, 'id' | 'ms'>): never {
  const v: Verdict = { id: mutant ?? 'dry-run', ms: Date.now() - started, ...(selection ? { units: selection.kind === 'some' ? selection.units.size : selection.kind } : {}), ...verdict };
  mkdirSync(join(RUN_DIR, 'verdicts'), { recursive: true });
  writeFileSync(join(RUN_DIR, 'verdicts', `${v.id}.json`), JSON.stringify(v));
  process.stderr.write(`mutant ${v.id}: ${v.verdict}${v.detail ? ` (${v.detail})` : ''}\n`);
  process.exit(v.verdict === 'survived' || v.verdict === 'skipped' ? 0 : 1);
}

/** Where an error came from: the sandbox's (mutated) code, or ours. */
const fromSandbox = (e: unknown) => {
  const stack = String((e as Error)?.stack ?? '');
  const frame = stack.split('\n').find((l) => /\(?(file:\/\/)?\//.test(l) && !l.includes(`${sep}node_modules${sep}`) && !l.includes('node:'));
  return frame?.includes(sandbox) ?? false;
};
const oneLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 300);

// A mock that throws from a timer or a listener has crashed: observable, so killed.
process.on('uncaughtException', (e) => record(fromSandbox(e) ? { verdict: 'killed', detail: `the mock crashed: ${oneLine(e)}` } : { verdict: 'error', detail: `uncaught in the judge: ${oneLine(e)}` }));
process.on('unhandledRejection', (e) => record(fromSandbox(e) ? { verdict: 'killed', detail: `the mock crashed: ${oneLine(e)}` } : { verdict: 'error', detail: `unhandled in the judge: ${oneLine(e)}` }));

if (sandbox === PRISTINE || !sandbox.startsWith(join(PRISTINE, TEMP_DIR))) {
  record({ verdict: 'error', detail: `not in a Stryker sandbox of ${PRISTINE}: ${sandbox}` });
}
const readJson = <T>(name: string): T | undefined => {
  try {
    return JSON.parse(readFileSync(join(RUN_DIR, name), 'utf8'));
  } catch {
    return undefined;
  }
};
const plan = readJson<RunPlan>('plan.json') ?? record({ verdict: 'error', detail: `no run plan in ${RUN_DIR}` });
// Areas the unmutated run could not run either: a mutant is not killed for those.
const baseline = mutant === undefined ? [] : (readJson<Verdict>(join('verdicts', 'dry-run.json'))?.notRun ?? record({ verdict: 'error', detail: 'no verdict of the dry run' }));
// Outside the sample, or past the time limit: not run (the report leaves it out).
if (mutant !== undefined && !plan.sample.includes(mutant)) record({ verdict: 'skipped', detail: 'outside the sample' });
if (mutant !== undefined && Date.now() > plan.deadline) record({ verdict: 'skipped', detail: 'time limit' });

// Stryker's instrumented code counts the mutants it reaches under the current unit's name.
const stryker = ((globalThis as { __stryker__?: { currentTestId?: string; mutantCoverage?: UnitCoverage } }).__stryker__ ??= {});
stryker.currentTestId = STARTUP;
const order: string[] = [STARTUP];
// The dry run records which units reach which mutant; a mutant's run has only the units it needs.
const coverage = mutant === undefined || !plan.budget.perUnit ? undefined : readJson<UnitCoverage>('coverage.json');
selection = mutant === undefined ? undefined : coverage ? unitsFor(coverage, mutant) : { kind: 'all', why: plan.budget.perUnit ? 'no coverage recorded' : 'whole runs asked' };
// Reached by no unit: no run of the suite can see it (a blind spot unless listed as equivalent).
if (selection?.kind === 'none') record({ verdict: 'survived', detail: 'no coverage: no unit of the dry run reached it' });

// The suite and its libraries, from the pristine tree.
const fc = (await import('fast-check')).default;
const { runSuite } = await import('../../conformance/suite.ts');
const { httpTarget } = await import('../../api/http.ts');
// A failure is a kill: shrinking it to the shortest case would only cost time.
fc.configureGlobal({ endOnFailure: true });

// A loopback address of its own: judges run side by side, each mock binding database ports.
const host = `127.${100 + ((process.pid >> 16) & 63)}.${(process.pid >> 8) & 255}.${1 + (process.pid & 127)}`;
// On a loaded machine the server's 5 s keep-alive ended connections the client was about to reuse
// (ECONNRESET, and the unmutated run failed): the judge's server waits longer than its client.
const PATIENT = { handshakeMs: 60_000, headersMs: 60_000, requestMs: 120_000, keepAliveMs: 300_000 };
// A clock that moves only when moved (`still-clock`): the suite reads certificates at their exact edges.
type Server = { httpsUrl: string; httpUrl: string; certificatePem: string; close(): Promise<void> };
const server: Server = await import(pathToFileURL(join(sandbox, 'mock', 'server', 'server.ts')).href)
  .then((m) => m.startMockServer({ credentials: { username: 'u', password: 'p' }, host, httpsPort: 0, httpPort: 0, timeouts: PATIENT, clockTickMs: 0 }))
  .catch((e: unknown) => record(fromSandbox(e) ? { verdict: 'killed', detail: `the mock did not start: ${oneLine(e)}` } : { verdict: 'error', detail: `the judge could not start the mock: ${oneLine(e)}` }));
const target = httpTarget({ url: server.httpsUrl, controlUrl: `${server.httpsUrl}/control/v1`, plainUrl: server.httpUrl, user: 'u', password: 'p', ca: server.certificatePem, timeoutMs: plan.budget.requestTimeoutMs });
let verdict: Omit<Verdict, 'id' | 'ms'>;
function unit(name: string): boolean {
  const run = selection === undefined || wanted(selection, name);
  if (run) (stryker.currentTestId = name), order.push(name);
  return run;
}
try {
  const r = await runSuite(target, { seed: plan.seed, runs: plan.budget.runs, maxCommands: plan.budget.maxCommands, ...(plan.budget.timeBudgetMs ? { timeBudgetMs: plan.budget.timeBudgetMs } : {}), graphSeeds: plan.budget.graphSeeds, failFast: true, unit });
  const notRun = r.areas.filter((a) => a.outcome === 'not-run' && !baseline.includes(a.name));
  if (r.failure) verdict = { verdict: 'killed', detail: `${r.areas.find((a) => a.failure)!.name}: ${oneLine(r.failure.error)}`, message: `${r.failure.counterexample.join('\n')}\n${r.failure.error}`.slice(0, 4000) };
  else if (mutant !== undefined && notRun.length) verdict = { verdict: 'killed', detail: `not run: ${notRun.map((a) => `${a.name} (${a.notRun})`).join(', ')}` };
  else if (r.outcome !== 'passed') verdict = { verdict: 'error', detail: `the suite ended ${r.outcome}: ${r.notRun ?? ''}` };
  else verdict = { verdict: 'survived', detail: `${r.runs} runs`, notRun: r.areas.filter((a) => a.outcome === 'not-run').map((a) => a.name) };
} catch (e) {
  // The target stopped answering, or threw from its own code: the mock's doing, so killed. Anything
  // else thrown is the suite's or the judge's: reported as an error, never counted as a kill.
  const name = (e as Error)?.constructor?.name;
  verdict = name === 'TargetUnreachable' || fromSandbox(e) ? { verdict: 'killed', detail: `the mock stopped answering: ${oneLine(e)}` } : { verdict: 'error', detail: `the suite threw: ${oneLine(e)}` };
}
await Promise.race([Promise.all([target.close(), server.close()]), new Promise((r) => setTimeout(r, 2_000).unref())]).catch(() => undefined);
if (mutant === undefined) {
  const { static: reachedAtLoad = {}, perTest = {} } = stryker.mutantCoverage ?? {};
  writeFileSync(join(RUN_DIR, 'coverage.json'), JSON.stringify({ order, static: reachedAtLoad, perTest } satisfies UnitCoverage));
}
record(verdict);
