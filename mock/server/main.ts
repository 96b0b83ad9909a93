/**
 * `npm run mock -- [options]`: a mock Redis Enterprise cluster on loopback.
 */
import { parseArgs } from 'node:util';
import { inspectUrlProblem, withInspectDefault } from '../../inspect/index.ts';
import { DIALECTS, type Dialect } from '../api/dialect.ts';
import { FORM_NAMES, FORMS, parseForms } from '../runtime/forms.ts';
import { startMockServer } from './server.ts';

const USAGE = `Usage: npm run mock -- [options]

Starts a mock Redis Enterprise cluster: the REST API over HTTPS and HTTP, the test-control
protocol at /control/v1 (spec/control.md), each host's bootstrap API at /hosts/<host>, and a live
view of the cluster's machines at /live.

Options:
  --host <addr>          listen address (default 127.0.0.1)
  --https-port <port>    REST API over HTTPS (default 9443; 0 picks a free port)
  --http-port <port>     REST API over HTTP while http_support is on (default 8080; 0: free port)
  --user <name>          Basic auth user (default admin@example.com)
  --password <secret>    Basic auth password (default: $MOCK_PASSWORD, else "admin")
  --data-dir <dir>       keep the cluster's log here and recover it on restart (default: in memory)
  --nodes <n>            nodes in a new cluster (default 3)
  --spare-hosts <n>      hosts ready to join (default 1)
  --ipv6                 create the cluster for IPv6 internal addresses
  --settle-ms <ms>       how long asynchronous operations take (default 50)
  --no-control           serve no test-control protocol and no bootstrap APIs (404 under /control/v1):
                         a cluster as an operator has one, for the suite's adopt mode
  --dialect <name>       reference (default: refusals as the model decides them) or alternate (every
                         code and status spec/semantics.md marks decided answered otherwise)
  --form <name>          answer in this form where the specification accepts several (repeatable):
${FORM_NAMES.map((f) => `                           ${f}: ${FORMS[f]}`).join('\n')}
  --inspect [ws-url]     stream every machine to a Stately inspector (default ws://127.0.0.1:4242,
                         where \`npm run inspector\` listens)
  -h, --help             show this
`;

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

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: withInspectDefault(argv),
      options: {
        host: { type: 'string' },
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
    process.stdout.write(USAGE);
    return;
  }
  if (o.inspect !== undefined && inspectUrlProblem(o.inspect)) fail(inspectUrlProblem(o.inspect)!);
  const credentials = { username: o.user ?? 'admin@example.com', password: o.password ?? process.env.MOCK_PASSWORD ?? 'admin' };
  const server = await startMockServer({
    credentials,
    host: o.host ?? '127.0.0.1',
    httpsPort: int('https-port', o['https-port'], 9443, 0, 65535),
    httpPort: int('http-port', o['http-port'], 8080, 0, 65535),
    settleMs: int('settle-ms', o['settle-ms'], 50, 0, 600_000),
    topology: { nodes: int('nodes', o.nodes, 3, 1, 100), spareHosts: int('spare-hosts', o['spare-hosts'], 1, 0, 100), useInternalIpv6: o.ipv6 ?? false },
    ...(o['data-dir'] ? { dataDir: o['data-dir'] } : {}),
    ...(o.inspect ? { inspect: o.inspect } : {}),
    control: !o['no-control'],
    ...(o.dialect ? { dialect: DIALECTS.includes(o.dialect as Dialect) ? (o.dialect as Dialect) : fail(`--dialect takes ${DIALECTS.join(' or ')}`) } : {}),
    ...(o.form ? { forms: formsOf(o.form) } : {}),
  }).catch((e: NodeJS.ErrnoException) => fail(e.code === 'EADDRINUSE' ? `A port is in use: ${e.message}` : e.message));

  const s = server.cluster.state;
  process.stdout.write(
    [
      `Mock Redis Enterprise cluster "${s.name}": ${Object.keys(s.nodes).length} nodes, ${Object.keys(s.databases).length} databases`,
      `  REST API   ${server.httpsUrl}  (self-signed certificate)`,
      `             ${server.httpUrl}  (while http_support is enabled)`,
      o['no-control'] ? '  control    none (--no-control)' : `  control    ${server.httpsUrl}/control/v1`,
      `  live view  ${server.httpsUrl}/live`,
      ...(o.inspect ? [`  inspector  streaming to ${o.inspect}`] : []),
      `  user       ${credentials.username}`,
      o['data-dir'] ? `  data       ${o['data-dir']}` : '  data       in memory (use --data-dir to keep it)',
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
  // The same, as one line a supervising program can parse (ports given as 0 are known only now).
  process.stdout.write(`${JSON.stringify({ listening: { https: server.httpsUrl, http: server.httpUrl, pid: process.pid } })}\n`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main(process.argv.slice(2));
