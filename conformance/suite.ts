import fc from 'fast-check';
import type { Topology } from '../core/topology.ts';
import { AREAS, areaGaps, areaRequirements, EXPLORATION, type Area, type Withheld } from './arbitraries.ts';
import { checkAccess } from './access.ts';
import { CHECKS, type Check } from './checks/index.ts';
import { Coverage, type MachineCoverage } from './coverage.ts';
import { graphSeeds } from './explore.ts';
import { rotationSeeds, settingSeeds } from './valueSeeds.ts';
import { pairSeeds } from './transitionPairs.ts';
import { updateSeeds } from './updateSeeds.ts';
import { addressSeeds } from './addressSeeds.ts';
import { Mismatch } from './mismatch.ts';
import { adoptStart, type AdoptedStart, type AdoptOptions } from './adopt/session.ts';
import type { Restoration } from './adopt/restore.ts';
import { interruptible } from './start/interrupt.ts';
import { InFlight } from './start/inFlight.ts';
import { RecheckBudget } from './recheckBudget.ts';
import { requirementResults, type RequirementResult } from './report/requirements.ts';
import { resetStart } from './start/reset.ts';
import { areaStart } from './start/areaStart.ts';
import { RELAXED, type Profile } from './profile.ts';
import type { Start } from './start/start.ts';
import type { SuiteCommand } from './commands/command.ts';
import { interruptionSeeds } from './commands/interruptRemoval.ts';
import { edgeSeed } from './commands/clockToEdge.ts';
import { inProgressSeeds } from './inProgressSeeds.ts';
import { runConcurrentArea } from './concurrent/run.ts';
import { crashStep } from './commands/crash.ts';
import { OWN_CONTROL } from './commands/controlRefusal.ts';
import type { TracedRequest } from './reproducer.ts';
import { TargetUnreachable, type Target } from '../api/target.ts';

export interface SuiteOptions {
  /** Names of the areas to run (default: all). */
  readonly areas?: readonly string[];
  /** Stop after the first area that fails. */
  readonly failFast?: boolean;
  /** Replay one recorded case (fast-check's counterexample path and the commands' replay path) instead of exploring. */
  readonly path?: string;
  readonly replayPath?: string;
  readonly seed?: number;
  readonly runs?: number;
  readonly maxCommands?: number;
  /**
   * Stop starting new runs after this long: split evenly between the areas (the checks are not
   * counted); an area cut short says so (`interrupted`).
   */
  readonly timeBudgetMs?: number;
  readonly topology?: Topology;
  /**
   * Open `mixed` with the sequences of `graphSeeds`, and `certificates` with the certificate
   * machine's transition pairs (transitionPairs.ts) (default true). A replay computes them too:
   * fast-check's path counts them among its cases.
   */
  readonly graphSeeds?: boolean;
  readonly onRun?: (run: number) => void;
  /** Told as each area or check ends: progress for a person watching. */
  readonly onArea?: (result: AreaResult) => void;
  /** How strictly answers are compared (default `model`: conformance/profile.ts). */
  readonly profile?: Profile;
  /** On a target without `reset`: the caps on what the run may create there. */
  readonly adopt?: AdoptOptions;
  /** Aborted: the run stops at its next request (and an adopted cluster is put back). */
  readonly signal?: AbortSignal;
  /** Told what putting an adopted cluster back did, however the run ended (a throw included). */
  readonly onRestored?: (restoration: Restoration) => void;
  /**
   * In how many sequences of each area each costly recheck runs (a check read again after the steps
   * that change its subject: checks/check.ts). Default 1: the mock makes a key per certificate read.
   */
  readonly recheckSequences?: number;
  /** Seconds of the target's time per real second (`Model.clockRate`); 1 unless a test accelerates the target's clock. */
  readonly clockRate?: number;
  /** Count the machines' transitions into this (a worker's, which it sends to the run: parallel/). */
  readonly coverage?: Coverage;
  /**
   * With 2 or more: the concurrent area too, whose batches of requests this many clients send at
   * once, each batch's history checked for linearizability (conformance/concurrent/).
   */
  readonly clients?: number;
  /**
   * Asked before each unit of work: each check (its name), each area's start (`area#start`) and
   * each sequence (`area#0`, `area#1`…, graph seeds first). Every unit starts from a reset; one
   * answered false is left out, the others run with the same seeds and in the same order
   * (mutation testing runs only the units that reached a mutant: scripts/mutation/units.ts).
   */
  readonly unit?: (name: string) => boolean;
}

export interface Failure {
  readonly counterexample: string[];
  readonly path: string;
  /** fast-check's replay path of the command sequence (with `path`, it replays the case exactly). */
  readonly replayPath: string;
  readonly error: string;
  readonly reqs: readonly string[];
  /** The requests of the shortest failing sequence, reset first: `curlScript` makes them a script. */
  readonly requests: readonly TracedRequest[];
}

export interface AreaResult {
  readonly name: string;
  readonly title: string;
  /** The requirements its commands could check (a command's, the observations', the checks'). */
  readonly reqs: readonly string[];
  /**
   * How many of its steps exercised each requirement (conformance/step.ts): its `reqs` with 0 where
   * none did, and any other it exercised. Only these are checked; 0 is never passed.
   */
  readonly exercised?: Readonly<Record<string, number>>;
  readonly outcome: 'passed' | 'failed' | 'not-run';
  /** What it needed that the target lacks. */
  readonly notRun?: string;
  /** The time budget ended it before all its runs: it passed what ran, not all it would have run. */
  readonly interrupted?: boolean;
  /** Its commands the target could not be sent (so never generated), and what they need. */
  readonly withheld?: readonly Withheld[];
  readonly runs: number;
  readonly ms: number;
  readonly failure?: Failure;
  /** With `--clients`: how many batch histories were checked for linearizability, and how many the search's budget left undecided. */
  readonly histories?: { readonly checked: number; readonly unknown: number };
  /** Where the target offers `crash`: how many crashes it came back from as the model predicts. */
  readonly crashes?: number;
}

export interface SuiteResult {
  readonly outcome: 'passed' | 'failed' | 'not-run';
  readonly seed: number;
  readonly runs: number;
  readonly capabilities: readonly string[];
  /** How strictly answers were compared, and what that profile relaxed. */
  readonly profile?: Profile;
  readonly relaxed?: readonly string[];
  /** How sequences started: from a reset, or from the cluster as the run found it. */
  readonly mode?: 'reset' | 'adopt';
  /** On an adopted cluster: the run's name prefix, and what putting the cluster back did. */
  readonly adoption?: { readonly prefix: string } & Restoration;
  /** Why nothing ran (the target lacks `reset`). */
  readonly notRun?: string;
  readonly areas: readonly AreaResult[];
  /** The first failing area's failure. */
  readonly failure?: Failure;
  /** Which machine states and transitions the target was seen to take. */
  readonly coverage: readonly MachineCoverage[];
  /** Every requirement the run names, with how many steps exercised it. */
  readonly requirements?: readonly RequirementResult[];
}

const TOPOLOGY: Topology = { nodes: 3, spareHosts: 1 };

/** Runs the model-based properties, one per area, against a target. */
export async function runSuite(target: Target, options: SuiteOptions = {}): Promise<SuiteResult> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  await checkAccess(target);
  const caps = target.control ? await target.control('GET', '/capabilities') : undefined;
  const offered: string[] = caps?.status === 200 ? caps.body?.capabilities : [];
  if (!Array.isArray(offered) || offered.some((c) => typeof c !== 'string')) {
    throw new TargetUnreachable(`control GET /capabilities answered 200 without a list of capabilities: ${JSON.stringify(caps?.body).slice(0, 80)}`);
  }
  // Where plain HTTP is served is the operator's to say (--http-target), not the control protocol's.
  // So is whether the protocol is the target's own (its refusals are then checked) or hooks'.
  const capabilities = [...offered, ...(target.plain ? ['plain-http'] : []), ...(target.control && !target.controlFromHooks ? [OWN_CONTROL] : [])];
  const coverage = options.coverage ?? new Coverage();
  const have = new Set(capabilities);
  // Every request of the run is counted: a sequence starts only once the previous one's have settled.
  const fence = new InFlight(interruptible(target, options.signal));
  const guarded = fence.shared;
  // A target that offers no reset is checked as it is: adopted, and put back after every sequence.
  const start: Start = have.has('reset') ? resetStart(guarded, have, options.topology ?? TOPOLOGY) : await adoptStart(guarded, have, options.adopt);
  const profile = options.profile ?? 'model';
  const ran = { profile, relaxed: RELAXED[profile] };
  if (start.mode === 'reset') return { ...(await runAreas(fence, start, capabilities, coverage, seed, options)), ...ran, mode: 'reset' };
  const adopted = start as AdoptedStart;
  let restoration: Restoration = { restored: [], unrestored: ['the run ended before the cluster was put back'] };
  try {
    const result = await runAreas(fence, start, capabilities, coverage, seed, options);
    await fence.idle();
    restoration = await adopted.finish(target);
    return { ...result, ...ran, mode: 'adopt', adoption: { prefix: adopted.prefix, ...restoration } };
  } catch (e) {
    restoration = await adopted.finish(target).catch((f: Error) => ({ restored: [], unrestored: [`putting the cluster back failed: ${f.message}`] }));
    throw e;
  } finally {
    options.onRestored?.(restoration);
  }
}

async function runAreas(fence: InFlight, start: Start, capabilities: readonly string[], coverage: Coverage, seed: number, options: SuiteOptions): Promise<SuiteResult> {
  const selected = options.areas ? AREAS.filter((a) => options.areas!.includes(a.name)) : AREAS;
  const checks = options.areas ? CHECKS.filter((c) => options.areas!.includes(c.name)) : CHECKS;
  const areas: AreaResult[] = [];
  let runs = 0;
  // The checks first: each is one short scenario, so a target broken there fails fast.
  const stop = () => options.failFast === true && areas.some((a) => a.failure);
  for (const check of checks) {
    if (stop()) break;
    if (options.unit && !options.unit(check.name)) continue;
    areas.push(await runCheck(fence, check, new Set(capabilities)));
    options.onArea?.(areas.at(-1)!);
  }
  for (const area of selected) {
    if (stop()) break;
    if (options.unit && !options.unit(`${area.name}#start`)) continue;
    const budget = options.timeBudgetMs ? options.timeBudgetMs / selected.length : undefined;
    const from = await areaStart(fence.shared, start, new Set(capabilities), area.topology);
    // Each area's own budget: the costly rechecks run in its first sequences that need them, so an
    // area checks the same whichever areas run before it, in this process or another (parallel.ts).
    const rechecks = new RecheckBudget(options.recheckSequences ?? 1);
    if ('notRun' in from) areas.push({ name: area.name, title: area.title, reqs: areaRequirements(area), runs: 0, ms: 0, outcome: 'not-run', notRun: from.notRun });
    else areas.push(await runArea(fence, from, area, new Set(capabilities), coverage, seed, options, budget, rechecks, () => options.onRun?.(++runs)));
    options.onArea?.(areas.at(-1)!);
  }
  if ((options.clients ?? 1) > 1 && !stop()) {
    const budget = options.timeBudgetMs ? options.timeBudgetMs / (selected.length + 1) : undefined;
    const concurrent = { clients: options.clients!, seed, profile: options.profile ?? 'model', crash: capabilities.includes('crash'), ...(options.runs ? { runs: options.runs } : {}), ...(options.path && options.areas?.includes('concurrent') ? { path: options.path } : {}) };
    areas.push(await runConcurrentArea(fence, start, coverage, { ...concurrent, ...(budget ? { deadline: Date.now() + budget } : {}), onRun: () => options.onRun?.(++runs) }));
    options.onArea?.(areas.at(-1)!);
  }
  const failed = areas.find((a) => a.failure);
  const ran = areas.filter((a) => a.outcome !== 'not-run');
  if (!failed && ran.length === 0) {
    return { outcome: 'not-run', seed, runs: 0, capabilities, areas, coverage: coverage.report(), requirements: requirementResults(areas), notRun: areas.map((a) => `${a.name} ${a.notRun}`).join('; ') };
  }
  return {
    outcome: failed ? 'failed' : 'passed',
    seed,
    runs: areas.reduce((n, a) => n + a.runs, 0),
    capabilities,
    areas,
    coverage: coverage.report(),
    requirements: requirementResults(areas),
    ...(failed ? { failure: failed.failure! } : {}),
  };
}

async function runCheck(fence: InFlight, check: Check, have: ReadonlySet<string>): Promise<AreaResult> {
  const base = { name: check.name, title: check.title, reqs: [...check.reqs], runs: 1 };
  const missing = check.needs.filter((c) => !have.has(c));
  if (missing.length) return { ...base, runs: 0, ms: 0, outcome: 'not-run', notRun: `needs ${missing.join(', ')}` };
  const started = Date.now();
  const target = await fence.next();
  try {
    await check.run(target);
    // A check is one scenario: passed, it exercised each of its requirements once.
    return { ...base, exercised: Object.fromEntries(check.reqs.map((id) => [id, 1])), outcome: 'passed', ms: Date.now() - started };
  } catch (e) {
    if (e instanceof TargetUnreachable) throw e;
    // Anything else the target made the check meet (a refused Redis connection, a certificate
    // that does not parse, an answer of the wrong shape) is the check failing, with its reqs.
    const error = e instanceof Mismatch ? e.message : `${check.name} could not complete: ${(e as Error).message}`;
    const reqs = e instanceof Mismatch ? e.reqs : check.reqs;
    await fence.idle();
    return { ...base, exercised: Object.fromEntries(check.reqs.map((id) => [id, 0])), outcome: 'failed', ms: Date.now() - started, failure: { counterexample: [check.name], path: '', replayPath: '', error, reqs, requests: [] } };
  }
}

async function runArea(
  fence: InFlight,
  start: Start,
  area: Area,
  have: ReadonlySet<string>,
  coverage: Coverage,
  seed: number,
  options: SuiteOptions,
  budgetMs: number | undefined,
  rechecks: RecheckBudget,
  onRun: () => void,
): Promise<AreaResult> {
  const started = Date.now();
  if (areaRequirements(area, have).length === 0) {
    const needs = [...new Set(areaGaps(area, have).flatMap((g) => g.needs))];
    return { name: area.name, title: area.title, reqs: areaRequirements(area), runs: 0, ms: 0, outcome: 'not-run', notRun: `needs ${needs.join(', ')}` };
  }
  // The area that has every command opens with the shortest paths to every transition; the
  // certificates' with every pair of their transitions (a state entered, then each way out of it).
  const opening = options.graphSeeds === false ? undefined : area.name === 'mixed' ? seedsFor : area.name === 'certificates' ? pairSeedsFor : undefined;
  // A target that differs already at the start (a field of its first read) fails in the first
  // sequence, which prepares the same start and reports the failure; here it would only throw.
  const examples = opening ? await opening(start).catch((e: unknown) => (e instanceof Mismatch ? [] : Promise.reject(e))) : [];
  // Shrinking keeps the latest failing sequence: its requests are the reproducer's.
  let failing: TracedRequest[] = [];
  let failingSteps: string[] = [];
  // The area's own counts (requirements exercised), adding up into the suite's.
  const counted = new Coverage(coverage);
  // The time budget is checked only between sequences: fast-check's own time limit abandons the
  // sequence in flight, whose requests then run on into the next one's.
  const deadline = budgetMs ? started + budgetMs : Number.POSITIVE_INFINITY;
  let unreachable: TargetUnreachable | undefined;
  // A target that can be crashed is, between two steps (at most once a sequence): never in-process,
  // so the sequences a seed draws there stay as they were.
  const crashes = { survived: 0 };
  const commands = [...area.commands, ...(have.has('crash') ? [crashStep(crashes)] : [])];
  let sequence = 0;
  const property = fc.asyncProperty(fc.commands(commands, { maxCommands: options.maxCommands ?? 25, size: 'max', ...(options.replayPath ? { replayPath: options.replayPath } : {}) }), async (cmds) => {
    // A target that stopped answering ends the area at once (no shrinking against it).
    if (unreachable || Date.now() > deadline) throw new fc.PreconditionFailure(true);
    // A sequence left out passes untried: fast-check draws the next ones as it would have.
    if (options.unit && !options.unit(`${area.name}#${sequence++}`)) return;
    onRun();
    const target = await fence.next();
    const model = await start.prepare(counted);
    model.profile = options.profile ?? 'model';
    model.recheckBudget = rechecks;
    model.clockRate = options.clockRate ?? 1;
    try {
      await fc.asyncModelRun(() => ({ model, real: target }), cmds);
    } catch (e) {
      if (e instanceof TargetUnreachable) unreachable = e;
      failing = [...start.preamble, ...model.trace];
      // The steps that ran, in order (a command whose precondition failed never ran).
      failingSteps = model.trace.map((t) => t.step);
      // A failure seen by reading the state ends the script with that read.
      const read = e instanceof Mismatch ? /^GET (\/\S+) after/.exec(e.step) : null;
      if (read && e instanceof Mismatch) {
        failing.push({ via: 'api', method: 'GET', path: read[1]!, step: e.step.split('\n')[0]!, expected: JSON.stringify(e.expected), actual: JSON.stringify(e.actual) });
      }
      throw e;
    }
  });
  const details = await fc.check(property, {
    seed,
    // A replay runs the one recorded case, and nothing else.
    numRuns: options.path ? 1 : (options.runs ?? 30) + examples.length,
    examples: examples.map((commands) => [commands]),
    ...(options.path ? { path: options.path, endOnFailure: true } : {}),
  });
  await fence.idle();
  if (unreachable) throw unreachable;
  const withheld = areaGaps(area, have);
  const reqs = areaRequirements(area, have);
  const base = {
    name: area.name,
    title: area.title,
    reqs,
    exercised: counted.exercised([...reqs, ...counted.requirements]),
    runs: details.numRuns,
    ...(withheld.length ? { withheld } : {}),
    ...(have.has('crash') ? { crashes: crashes.survived } : {}),
  };
  // An area the time budget ended before its first sequence checked nothing: never "passed"
  // (fast-check counts an interruption before any run as a failure without a counterexample).
  if (details.numRuns === 0 && !details.counterexample) return { ...base, outcome: 'not-run', notRun: 'the time budget ended before its first sequence', ms: Date.now() - started };
  if (!details.failed) return { ...base, outcome: 'passed', ms: Date.now() - started, ...(details.interrupted ? { interrupted: true } : {}) };
  const error = details.errorInstance as Error;
  // A target that stopped answering is not a failure to conform: it is an error of the run.
  if (error instanceof TargetUnreachable) throw error;
  const printed = String(details.counterexample?.[0] ?? '');
  const replayPath = /replayPath="([^"]*)"/.exec(printed)?.[1] ?? '';
  const counterexample = failingSteps;
  return {
    ...base,
    outcome: 'failed',
    ms: Date.now() - started,
    failure: {
      counterexample,
      path: details.counterexamplePath ?? '',
      replayPath,
      error: error?.message ?? 'the run was interrupted',
      reqs: error instanceof Mismatch ? error.reqs : [],
      requests: failing,
    },
  };
}

/**
 * The graph exploration's sequences, every setting's values (valueSeeds.ts), every kind of update
 * (updateSeeds.ts), every address rule's holders (addressSeeds.ts), a removal interrupted and
 * commands sent into every in-progress state (inProgressSeeds.ts; where the target can hold its
 * work), from the model of the target at the start (the seeds depend on its topology and
 * capabilities, not on its clock, which moves only by the steps).
 */
async function seedsFor(start: Start): Promise<SuiteCommand[][]> {
  const model = await start.prepare();
  // Shortest first: the first seed that fails is then the shortest that does (seeds are not shrunk).
  const seeds: SuiteCommand[][] = [...graphSeeds(model, EXPLORATION).map((s) => [...s.commands]), ...settingSeeds(), ...rotationSeeds(), ...updateSeeds(), ...addressSeeds(), ...interruptionSeeds(), ...inProgressSeeds()];
  return seeds.sort((a, b) => a.length - b.length);
}

/** The certificate machine's transition pairs (transitionPairs.ts), from the model of the target at the start. */
async function pairSeedsFor(start: Start): Promise<SuiteCommand[][]> {
  const pairs = pairSeeds(await start.prepare())
    .map((s) => [...s.commands])
    .sort((a, b) => a.length - b.length);
  return [...pairs, edgeSeed()];
}
