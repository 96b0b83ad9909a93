import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inspectUrlProblem, withInspectDefault } from '../../inspect/index.ts';
import { httpTarget } from '../../api/http.ts';
import type { Target } from '../../api/target.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { HooksConfigError, loadHooksConfig } from '../target/hooks/config.ts';
import { withHooks } from '../target/hooks/hooksControl.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { Usage } from './usageError.ts';

const OPTIONS = {
  target: { type: 'string' }, control: { type: 'string' }, 'http-target': { type: 'string' }, hooks: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' },
  ca: { type: 'string' }, insecure: { type: 'boolean' }, 'timeout-ms': { type: 'string' }, 'rate-limit': { type: 'string' },
  area: { type: 'string' }, requirement: { type: 'string' }, tag: { type: 'string' }, 'fail-fast': { type: 'boolean' }, workers: { type: 'string' }, shard: { type: 'string' },
  seed: { type: 'string' }, runs: { type: 'string' }, 'max-commands': { type: 'string' }, clients: { type: 'string' }, 'time-budget': { type: 'string' }, 'recheck-sequences': { type: 'string' },
  'max-databases': { type: 'string' }, profile: { type: 'string' }, 'database-memory': { type: 'string' },
  report: { type: 'string' }, out: { type: 'string' }, reproducer: { type: 'string' }, replay: { type: 'string' }, inspect: { type: 'string' },
  mutant: { type: 'string' }, list: { type: 'boolean' }, 'list-mutants': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

export type Options = ReturnType<typeof parse>;

/** `--name` of a string option as `--name=value`: a value starting with `-` (`--runs -3`) reaches its own check. */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const option = name !== undefined && Object.hasOwn(OPTIONS, name) ? OPTIONS[name as keyof typeof OPTIONS] : undefined;
    const known = next !== undefined && (Object.hasOwn(OPTIONS, next.replace(/^--?/, '').replace(/=.*$/, '')) || next === '-h');
    if (option?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '-' && !known) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** The command line's options; a mistake in it is a `Usage` error in one line. */
export function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: joinDashValues(withInspectDefault(argv)), strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (e) {
    const message = (e as Error).message;
    const missing = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    if (missing) throw new Usage(`${missing[1]} needs a value`);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new Usage(`unknown option ${unknown[1]}`);
    const positional = /^Unexpected argument '([^']+)'/.exec(message);
    if (positional) throw new Usage(`unexpected argument "${positional[1]}": every option is --name value`);
    throw new Usage(message.split('\n')[0]!);
  }
}

/** A whole-number option: absent, its default; anything else but a whole number ≥ min, a usage error. */
export const int = (name: string, v: string | undefined, fallback: number, min = 0): number => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new Usage(`--${name} must be a whole number ≥ ${min}`);
  return Number(v);
};

/** The mutant `--mutant` names; an unknown name is a usage error that lists them. */
export function mutantNamed(name: string) {
  const mutant = MUTANTS.find((m) => m.name === name);
  if (!mutant) throw new Usage(`unknown mutant "${name}"; mutants: ${MUTANTS.map((m) => m.name).join(', ')}`);
  return mutant;
}

/** The target the options name: the in-process mock (or one of its mutants) without --target. */
export function targetFrom(o: Options): Target {
  if (o.mutant !== undefined && o.target) throw new Usage('--mutant runs a broken variant of the in-process mock: leave out --target');
  if (o.target === undefined) {
    const needsTarget = (['control', 'hooks', 'http-target', 'ca', 'user'] as const).find((k) => o[k] !== undefined);
    if (needsTarget) throw new Usage(`--${needsTarget} needs --target`);
    if (o.inspect !== undefined && inspectUrlProblem(o.inspect)) throw new Usage(inspectUrlProblem(o.inspect)!);
    const mutant = o.mutant !== undefined ? mutantNamed(o.mutant) : undefined;
    return inProcessTarget({ ...(o.inspect ? { inspect: o.inspect } : {}), ...(mutant ? { mutant } : {}) });
  }
  if (o.inspect !== undefined) throw new Usage('--inspect watches the in-process mock; for a server, start it with npm run mock -- --inspect');
  let ca: string | undefined;
  try {
    ca = o.ca ? readFileSync(o.ca, 'utf8') : undefined;
  } catch (e) {
    throw new Usage(`--ca: ${(e as Error).message}`);
  }
  for (const [name, url] of [['target', o.target], ['control', o.control], ['http-target', o['http-target']]] as const) {
    if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) throw new Usage(`--${name} must be an http(s) URL, not "${url}"`);
  }
  if (o.hooks && o.control) throw new Usage('--hooks and --control are alternatives: give one');
  let hooks;
  try {
    hooks = o.hooks ? loadHooksConfig(o.hooks) : undefined;
  } catch (e) {
    if (e instanceof HooksConfigError) throw new Usage(`--hooks: ${e.message.split('\n')[0]}`);
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
