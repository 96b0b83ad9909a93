import { parseArgs } from 'node:util';
import { COMMANDS } from './commands/index.ts';
import { BadConnection, connect, DEFAULT_TARGET } from './connection.ts';
import { overview } from './help.ts';
import { done, usageError, type Outcome } from './outcome.ts';
import { DEFAULT_WAITING, rladmin } from './rladmin.ts';

export const USAGE = (): string[] => [
  'Usage: re-cluster rladmin [options] <command> [arguments]',
  '       npm run rladmin -- [options] <command> [arguments]',
  '',
  "Runs the vendor documents' rladmin commands against a cluster, through its REST API.",
  '',
  'Commands:',
  ...overview(COMMANDS),
  '  rladmin help [<command>]',
  '',
  'Options:',
  `  --target <url>       the REST API (default: $RLADMIN_TARGET, else ${DEFAULT_TARGET.url}, where`,
  "                       `npm run mock` listens; only then is its self-signed certificate accepted)",
  `  --user <name>        Basic auth user (default: $RLADMIN_USER, else ${DEFAULT_TARGET.user})`,
  `  --password <secret>  Basic auth password (default: $RLADMIN_PASSWORD, else ${DEFAULT_TARGET.password})`,
  '  --ca <file>          trust this CA or self-signed certificate (PEM)',
  '  --insecure           accept any certificate',
  '  --timeout-ms <ms>    per request (default 10000)',
  `  --wait-ms <ms>       how long to wait for a removal or a database change (default ${DEFAULT_WAITING.waitMs})`,
  '  -h, --help           show this',
  '',
  'Exit codes: 0 done; 1 the cluster refused (its words are printed) or the work did not finish in',
  'time; 2 wrong syntax or options, refused credentials, or a cluster that cannot be reached.',
];

const whole = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) === 0) throw new BadConnection(`--${name} must be a whole number of milliseconds`);
  return Number(value);
};

/**
 * A whole command line (options and rladmin words, in any order) to its outcome. Connection
 * options may come before, between or after the rladmin words.
 */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<Outcome> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        target: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        ca: { type: 'string' },
        insecure: { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        'wait-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError([(e as Error).message, '', ...USAGE()]);
  }
  const o = parsed.values;
  if (o.help) return done(...USAGE());
  let target;
  let waitMs;
  try {
    waitMs = whole('wait-ms', o['wait-ms']) ?? DEFAULT_WAITING.waitMs;
    target = connect({ target: o.target, user: o.user, password: o.password, ca: o.ca, insecure: o.insecure, timeoutMs: whole('timeout-ms', o['timeout-ms']) }, env);
  } catch (e) {
    if (e instanceof BadConnection) return usageError([e.message]);
    throw e;
  }
  try {
    return await rladmin(parsed.positionals, target.api, { ...DEFAULT_WAITING, waitMs });
  } finally {
    await target.close();
  }
}
