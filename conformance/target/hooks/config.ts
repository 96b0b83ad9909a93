import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

/** The control-protocol capabilities a hook can provide (spec/control.md), in the protocol's order. */
export const HOOKS = ['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports', 'internode-tls', 'data-plane', 'crash'] as const;
export type HookName = (typeof HOOKS)[number];

export interface Hook {
  /** A `/bin/sh -c` command; the operation's values reach it as `RE_*` environment variables. */
  readonly run: string;
  readonly timeoutMs: number;
}

/** A host as `GET /hosts` of the control protocol shows it. */
export interface HostEntry {
  readonly host: string;
  readonly addresses: readonly string[];
  readonly node_uid: number | null;
  readonly bootstrap_url: string | null;
}

export interface HooksConfig {
  /** Where the file is: hooks run there, so they can name scripts beside it. */
  readonly dir: string;
  readonly hooks: Readonly<Partial<Record<HookName, Hook>>>;
  /** The cluster's hosts, for `GET /hosts` and `$RE_HOST` (empty if the file lists none). */
  readonly hosts: readonly HostEntry[];
}

/** A hooks file that cannot be used: a usage error of the run. */
export class HooksConfigError extends Error {}

const DEFAULT_TIMEOUT_S = 120;
const seconds = { type: 'number', exclusiveMinimum: 0, maximum: 86_400 };
// A command, or a command with its own timeout: the keywords of each apply to one type only.
const hook = { type: ['string', 'object'], minLength: 1, required: ['run'], additionalProperties: false, properties: { run: { type: 'string', minLength: 1 }, timeout_seconds: seconds } };

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['hooks'],
  properties: {
    version: { const: 1 },
    timeout_seconds: seconds,
    hooks: { type: 'object', additionalProperties: false, minProperties: 1, properties: Object.fromEntries(HOOKS.map((h) => [h, hook])) },
    hosts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'node_uid'],
        properties: {
          host: { type: 'string', minLength: 1 },
          node_uid: { type: ['integer', 'null'], minimum: 1 },
          addresses: { type: 'array', items: { type: 'string', minLength: 1 } },
          bootstrap_url: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);

interface RawHooksFile {
  timeout_seconds?: number;
  hooks: Partial<Record<HookName, string | { run: string; timeout_seconds?: number }>>;
  hosts?: { host: string; node_uid: number | null; addresses?: string[]; bootstrap_url?: string }[];
}

/** Parses and validates a hooks file's text (YAML, of which JSON is a part). */
export function parseHooksConfig(text: string, file: string): HooksConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new HooksConfigError(`${file}: not YAML or JSON: ${(e as Error).message}`);
  }
  if (!validate(doc)) {
    const problems = validate.errors!.map((e) => {
      const field = `${e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'the file'}`;
      const extra = e.params as { additionalProperty?: string };
      return extra.additionalProperty !== undefined ? `${field}: unknown field "${extra.additionalProperty}"` : `${field}: ${e.message}`;
    });
    const known = problems.some((p) => p.startsWith('hooks')) ? ` (hooks: ${HOOKS.join(', ')})` : '';
    throw new HooksConfigError(`${file}: ${[...new Set(problems)].join('; ')}${known}`);
  }
  const raw = doc as RawHooksFile;
  const fallback = raw.timeout_seconds ?? DEFAULT_TIMEOUT_S;
  const hooks: Partial<Record<HookName, Hook>> = {};
  for (const name of HOOKS) {
    const h = raw.hooks[name];
    if (h === undefined) continue;
    hooks[name] = typeof h === 'string' ? { run: h, timeoutMs: fallback * 1000 } : { run: h.run, timeoutMs: (h.timeout_seconds ?? fallback) * 1000 };
  }
  const hosts = (raw.hosts ?? []).map((h) => ({ host: h.host, addresses: h.addresses ?? [], node_uid: h.node_uid, bootstrap_url: h.bootstrap_url ?? null }));
  return { dir: dirname(resolve(file)), hooks, hosts };
}

export function loadHooksConfig(file: string): HooksConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HooksConfigError(`${file}: ${(e as Error).message}`);
  }
  return parseHooksConfig(text, file);
}
