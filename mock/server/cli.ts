/**
 * `npm run mock -- [options]`: a mock Redis Enterprise cluster on loopback. The command line
 * lives here; the entries that run it are `mock/server/main.ts` (the mock alone) and
 * `conformance/mutants/serve.ts` (what `npm run mock` runs: the mock, or one of the suite's broken
 * variants of it — the mock never imports the suite, decisions/0013-layers.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { inspectUrlProblem, withInspectDefault } from '../../inspect/option.ts';
import { DIALECTS, type Dialect } from '../api/dialect.ts';
import { FORM_NAMES, FORMS, parseForms } from '../runtime/forms.ts';
import { startMockServer, type MockServer } from './server.ts';
import { requestLine } from './nodeAdapter.ts';
import type { ServerVariant } from './variant.ts';
import { supervise, SUPERVISED_ENV } from './supervisor.ts';
import { startFailure } from '../api/views/nodeStart.ts';

const USAGE = `Usage: npm run mock -- [options]

Starts a mock Redis Enterprise cluster: the REST API over HTTPS and HTTP, the test-control
protocol at /control/v1 (spec/control.md), each host's bootstrap API at /hosts/<host>, a live
view of the cluster's machines at /live, and spec/openapi.yaml at /openapi.yaml (no credentials).
It prints a line for each listener it opens and each request it answers, and writes the API's
certificate (its own CA) to api-ca.pem under --data-dir, else in a temporary directory, for
\`npm run conformance -- --target URL --ca PATH\`. SIGINT, SIGTERM or SIGHUP stop it cleanly.

Options:
  --bind-address <addr>  the address every listener binds: the REST API, each database endpoint, each
                         node's internode listener (default 127.0.0.1, loopback only; 0.0.0.0 or ::
                         opens them to the network). --host is the same option
  --quiet                no request log (one line per request: method, path, status, time)
  --https-port <port>    REST API over HTTPS (default 9443; 0 picks a free port)
  --http-port <port>     REST API over HTTP while http_support is on (default 8080; 0: free port)
  --user <name>          Basic auth user (default admin@example.com)
  --password <secret>    Basic auth password (default: $MOCK_PASSWORD, else "admin")
  --data-dir <dir>       keep the cluster's log here and recover it on restart (default: in memory); the
                         server then runs under a supervisor that restarts it on its data, same ports
                         and certificate, when it crashes, and offers the control protocol's crash
  --nodes <n>            nodes in a new cluster (default 3)
  --spare-hosts <n>      hosts ready to join (default 1)
  --ipv6                 create the cluster for IPv6 internal addresses
  --settle-ms <ms>       how long asynchronous operations take (default 50)
  --still-clock          the cluster clock moves only when moved (POST /control/v1/clock), never with the
                         wall clock; the control protocol then lists still-clock, and the suite reads
                         certificates at their exact rotation, alert and expiry edges
  --no-control           serve no test-control protocol and no bootstrap APIs (404 under /control/v1):
                         a cluster as an operator has one, for the suite's adopt mode
  --dialect <name>       reference (default: refusals as the model decides them) or alternate (every
                         code and status spec/semantics.md marks decided answered otherwise)
  --form <name>          answer in this form where the specification accepts several (repeatable):
${FORM_NAMES.map((f) => `                           ${f}: ${FORMS[f]}`).join('\n')}
  --mutant <name>        serve a deliberately broken variant of the mock (the suite's mutants), to see
                         the suite or a reproducer fail; only through npm run mock
  --list-mutants         list the mutants' names, the requirement each breaks, and what it does
  --inspect [ws-url]     stream every machine to a Stately inspector (default ws://127.0.0.1:4242,
                         where \`npm run inspector\` listens)
  -h, --help             show this
`;

/** A broken variant the command line can serve by name (the suite's mutants have this shape). */
export interface NamedVariant extends ServerVariant {
  readonly breaks: string;
  readonly description: string;
  /** What the suite needs to see it: one that needs `crash` is served only with `--data-dir` (a supervisor). */
  readonly needs?: readonly string[];
}

export interface CliOptions {
  /**
   * The variants `--mutant` picks from, or how to load them (called only for `--mutant` or
   * `--list-mutants`: the suite's mutants load msw, which a plain start does not need); without
   * them, `--mutant` is refused.
   */
  readonly variants?: readonly NamedVariant[] | (() => Promise<readonly NamedVariant[]>);
  /** Where lines go (the console). */
  readonly out?: (text: string) => void;
  /**
   * With `--data-dir`, run the server as a child of this process, restarted on its data when it
   * crashes (./supervisor.ts), and offer the control protocol's `crash`. `entry`: the module that
   * calls `main` (the child runs it with the same arguments).
   */
  readonly supervise?: { readonly entry: string };
}

export const listVariants = (variants: readonly NamedVariant[]): string => {
  const width = Math.max(...variants.map((v) => v.name.length));
  return `${variants.map((v) => `${v.name.padEnd(width)}  ${v.breaks.padEnd(13)} ${v.description}`).join('\n')}\n`;
};

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const int = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(value);
};

function formsOf(names: readonly string[]) {
  const parsed = parseForms(names);
  return parsed.ok ? parsed.forms : fail(`--form takes ${FORM_NAMES.join(', ')}, not ${JSON.stringify(parsed.unknown)}`);
}

/**
 * Writes the API's certificate (self-signed: it is its own CA) where a client can name it with
 * `--ca`: under the data directory, else in a new temporary one (removed when the mock stops).
 */
export function writeApiCa(server: Pick<MockServer, 'certificatePem'>, dataDir?: string): { path: string; remove(): void } {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 're-mock-'));
  const path = join(dir, 'api-ca.pem');
  writeFileSync(path, server.certificatePem);
  return { path, remove: () => (dataDir ? undefined : rmSync(dir, { recursive: true, force: true })) };
}

export async function main(argv: string[], cli: CliOptions = {}): Promise<void> {
  const write = cli.out ?? ((text: string) => void process.stdout.write(text));
  let parsed;
  try {
    parsed = parseArgs({
      args: withInspectDefault(argv),
      options: {
        host: { type: 'string' },
        'bind-address': { type: 'string' },
        quiet: { type: 'boolean' },
        mutant: { type: 'string' },
        'list-mutants': { type: 'boolean' },
        'https-port': { type: 'string' },
        'http-port': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'data-dir': { type: 'string' },
        nodes: { type: 'string' },
        'spare-hosts': { type: 'string' },
        ipv6: { type: 'boolean' },
        'settle-ms': { type: 'string' },
        inspect: { type: 'string' },
        'no-control': { type: 'boolean' },
        'still-clock': { type: 'boolean' },
        dialect: { type: 'string' },
        form: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const o = parsed.values;
  if (o.help) {
    write(USAGE);
    return;
  }
  const wanted = o['list-mutants'] || o.mutant !== undefined;
  const variants = !wanted ? [] : typeof cli.variants === 'function' ? await cli.variants() : (cli.variants ?? []);
  if ((o['list-mutants'] || o.mutant !== undefined) && variants.length === 0) fail('The mutants are the suite\'s: run them through npm run mock -- --mutant NAME (conformance/mutants/serve.ts)');
  if (o['list-mutants']) {
    write(listVariants(variants));
    return;
  }
  const variant = o.mutant === undefined ? undefined : variants.find((v) => v.name === o.mutant);
  if (o.mutant !== undefined && !variant) fail(`Unknown mutant ${JSON.stringify(o.mutant)}. The mutants are:\n  ${variants.map((v) => v.name).join('\n  ')}`);
  if (variant?.needs?.includes('crash') && !o['data-dir']) fail(`The mutant ${variant.name} shows only across a crash: serve it with --data-dir DIR (a supervisor restarts it on its data)`);
  if (o.host !== undefined && o['bind-address'] !== undefined && o.host !== o['bind-address']) fail('--host and --bind-address are the same option: give one');
  const bindAddress = o['bind-address'] ?? o.host ?? '127.0.0.1';
  if (isIP(bindAddress) === 0) fail(`--bind-address takes an IPv4 or IPv6 address, not ${JSON.stringify(bindAddress)}`);
  if (o.inspect !== undefined && inspectUrlProblem(o.inspect)) fail(inspectUrlProblem(o.inspect)!);
  if (cli.supervise && o['data-dir'] && !process.env[SUPERVISED_ENV]) {
    const supervision = supervise({ entry: cli.supervise.entry, argv, write });
    stopOnSignals(() => supervision.stop());
    process.exit(await supervision.done);
  }
  // Supervised: a crash is an abrupt death (nothing flushed or closed), and the supervisor restarts it.
  const crash = process.env[SUPERVISED_ENV] && o['data-dir'] ? (afterMs: number) => setTimeout(() => process.kill(process.pid, 'SIGKILL'), Math.max(afterMs, 5)) : undefined;
  const credentials = { username: o.user ?? 'admin@example.com', password: o.password ?? process.env.MOCK_PASSWORD ?? 'admin' };
  const server = await startMockServer({
    credentials,
    host: bindAddress,
    ...(variant ? { variant } : {}),
    report: (line: string) => write(`${line}\n`),
    ...(o.quiet ? {} : { onAnswered: (a: Parameters<typeof requestLine>[0]) => write(`${requestLine(a)}\n`) }),
    httpsPort: int('https-port', o['https-port'], 9443, 0, 65535),
    httpPort: int('http-port', o['http-port'], 8080, 0, 65535),
    settleMs: int('settle-ms', o['settle-ms'], 50, 0, 600_000),
    topology: { nodes: int('nodes', o.nodes, 3, 1, 100), spareHosts: int('spare-hosts', o['spare-hosts'], 1, 0, 100), useInternalIpv6: o.ipv6 ?? false },
    ...(o['data-dir'] ? { dataDir: o['data-dir'] } : {}),
    ...(o.inspect ? { inspect: o.inspect } : {}),
    control: !o['no-control'],
    ...(o['still-clock'] ? { clockTickMs: 0 } : {}),
    ...(crash ? { crash } : {}),
    ...(o.dialect ? { dialect: DIALECTS.includes(o.dialect as Dialect) ? (o.dialect as Dialect) : fail(`--dialect takes ${DIALECTS.join(' or ')}`) } : {}),
    ...(o.form ? { forms: formsOf(o.form) } : {}),
  }).catch((e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? `A port is in use: ${e.message}` : e.message));

  const ca = writeApiCa(server, o['data-dir']);
  // Before anything is printed: a supervisor may signal as soon as it reads that the mock listens.
  stopOnSignals(async () => {
    ca.remove();
    await server.close();
  });
  const s = server.cluster.state;
  write(
    [
      `Mock Redis Enterprise cluster "${s.name}": ${Object.keys(s.nodes).length} nodes, ${Object.keys(s.databases).length} databases`,
      ...(variant ? [`  MUTANT     ${variant.name}: ${variant.description} (breaks ${variant.breaks})`] : []),
      `  REST API   ${server.httpsUrl}  (self-signed certificate)`,
      `             ${server.httpUrl}  (while http_support is enabled)`,
      `  CA         ${ca.path}`,
      `             npm run conformance -- --target ${server.httpsUrl} --ca ${ca.path} --user ${credentials.username} --password ${
        o.password === undefined && process.env.MOCK_PASSWORD === undefined ? credentials.password : '<password>'
      }${o['no-control'] ? '' : ` --control ${server.httpsUrl}/control/v1 --http-target ${server.httpUrl}`}`,
      o['no-control'] ? '  control    none (--no-control)' : `  control    ${server.httpsUrl}/control/v1`,
      `  live view  ${server.httpsUrl}/live`,
      `  OpenAPI    ${server.httpsUrl}/openapi.yaml  (no credentials needed)`,
      ...(o.inspect ? [`  inspector  streaming to ${o.inspect}`] : []),
      `  user       ${credentials.username}`,
      o['data-dir'] ? `  data       ${o['data-dir']}` : '  data       in memory (use --data-dir to keep it)',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  // The same, as one line a supervising program can parse (ports given as 0 are known only now).
  write(`${JSON.stringify({ listening: { https: server.httpsUrl, http: server.httpUrl, pid: process.pid, ca: ca.path } })}\n`);
  // A node asked up that stays down says why on the console too, as in the control answer and the log.
  server.cluster.onEvents((events, state) => {
    for (const e of events) {
      if (e.type !== 'NodeStartFailed') continue;
      const uid = (e.data as { uid: string }).uid;
      const node = state.nodes[uid];
      write(`node ${uid} stays down: ${startFailure(uid, node?.addr ?? 'its internal address', node?.hostId)}\n`);
    }
  });
}

/**
 * Stops on SIGINT, SIGTERM or SIGHUP, and when the process that started it goes away. `npm run
 * mock` is npm, a shell and this process: a SIGTERM to npm ends npm without passing it on, and the
 * mock, adopted by init, would keep its listeners; so a parent that disappears stops it too.
 * Every listener is closed before the exit; a close that hangs is cut short, and a second signal
 * exits at once. (`npm run mock` runs node with tsx as a loader, one process: tsx's own runner
 * would kill a child that does not acknowledge a relayed signal within 30 ms.)
 */
export function stopOnSignals(close: () => Promise<void>, graceMs = 10_000): void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    clearInterval(orphaned);
    setTimeout(() => {
      process.stderr.write(`The mock did not stop within ${graceMs} ms of ${why}: exiting anyway\n`);
      process.exit(1);
    }, graceMs).unref();
    close().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`Stopping the mock failed: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  const parent = process.ppid;
  const orphaned = setInterval(() => {
    if (process.ppid !== parent) stop('its parent process exiting');
  }, 500);
  orphaned.unref();
}
