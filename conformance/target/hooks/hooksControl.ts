import { TargetUnreachable, type Answer, type Target } from '../../../api/target.ts';
import { HOOKS, type HookName, type HooksConfig, type HostEntry } from './config.ts';
import { shellRunner, type HookRunner } from './shell.ts';

/** A hook that failed or did not finish: the run cannot go on, the cluster's state is unknown. */
export class HookFailed extends TargetUnreachable {}

type Control = NonNullable<Target['control']>;
type Api = Target['api'];

const ok = (body: unknown, status = 200): Answer => ({ status, body });
const refuse = (status: number, error_code: string, description: string): Answer => ({ status, body: { error_code, description } });
const notSupported = (what: string) => refuse(404, 'not_supported', `${what}: no hook in the hooks file provides it`);
const invalid = (description: string) => refuse(400, 'invalid_parameter', description);

/** What a hook printed, if it is a JSON object or list: then it is the operation's answer. */
function printed(stdout: string): unknown {
  const text = stdout.trim();
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s).trim();

/**
 * The test-control protocol (spec/control.md) served by shell hooks, for a target that has no
 * control protocol of its own (a real cluster). The capabilities offered are exactly the hooks
 * configured. Each operation runs its hook with the operation's values as `RE_*` environment
 * variables; a hook that prints a JSON object or list gives the answer's body, otherwise the
 * answer is built here (see docs/conformance.md, "Shell hooks for real clusters"). A hook that exits non-zero or times out
 * fails the operation with `HookFailed`, and every later one too.
 *
 * `api` is the target's REST API, read to answer `POST /nodes/{uid}/power` with the node's status.
 */
export function hooksControl(config: HooksConfig, runner: HookRunner = shellRunner, api?: Api): Control {
  let hosts: HostEntry[] = config.hosts.map((h) => ({ ...h }));
  let broken: HookFailed | undefined;
  const hostOf = (uid: number) => hosts.find((h) => h.node_uid === uid)?.host ?? '';

  /** Runs a hook; resolves with what it printed (trimmed stdout). */
  const run = async (name: HookName, operation: string, body: unknown, values: Record<string, string>): Promise<string> => {
    const hook = config.hooks[name]!;
    const env = { RE_OPERATION: operation, RE_BODY: body === undefined ? '' : JSON.stringify(body), ...values };
    const r = await runner({ name, command: hook.run, cwd: config.dir, env, timeoutMs: hook.timeoutMs });
    const said = tail(r.stderr) || tail(r.stdout);
    if (r.timedOut) broken = new HookFailed(`hook ${name} (${operation}) did not finish within ${hook.timeoutMs / 1000} s; its process group was killed${said ? `. Output: ${said}` : ''}`);
    else if (r.code !== 0) broken = new HookFailed(`hook ${name} (${operation}) exited with ${r.code === null ? 'no code (killed or not started)' : `code ${r.code}`}${said ? `: ${said}` : ''}`);
    if (broken) throw broken;
    return r.stdout;
  };
  const must = (name: HookName, what: string, value: unknown): unknown => {
    if (value === undefined) throw (broken = new HookFailed(`hook ${name} must print ${what} as JSON on stdout`));
    return value;
  };

  const operations: { method: string; path: RegExp; hook?: HookName; handle: (m: string[], body: any, operation: string) => Promise<Answer> }[] = [
    { method: 'GET', path: /^\/capabilities$/, handle: async () => ok({ version: 1, capabilities: HOOKS.filter((h) => config.hooks[h]) }) },
    {
      method: 'POST',
      path: /^\/reset$/,
      hook: 'reset',
      handle: async (_, body, operation) => {
        const b = body ?? {};
        const stdout = await run('reset', operation, body, {
          RE_NODES: String(b.nodes ?? 3),
          RE_SPARE_HOSTS: String(b.spare_hosts ?? 1),
          RE_USE_INTERNAL_IPV6: String(b.use_internal_ipv6 ?? false),
          RE_NAME: typeof b.name === 'string' ? b.name : '',
        });
        const list = printed(stdout);
        hosts = Array.isArray(list) ? list : config.hosts.map((h) => ({ ...h }));
        return ok(hosts);
      },
    },
    { method: 'GET', path: /^\/hosts$/, handle: async () => ok(hosts) },
    {
      method: 'POST',
      path: /^\/hosts$/,
      hook: 'spare-hosts',
      handle: async (_, body, operation) => {
        const addresses = body?.addresses ?? [];
        if (!Array.isArray(addresses) || !addresses.every((a) => typeof a === 'string')) return invalid('addresses must be a list of strings');
        const entry = must('spare-hosts', 'the new host entry', printed(await run('spare-hosts', operation, body, { RE_ADDRESSES: addresses.join(' ') }))) as HostEntry;
        hosts.push(entry);
        return ok(entry, 201);
      },
    },
    {
      method: 'PUT',
      path: /^\/hosts\/([^/]+)\/addresses$/,
      hook: 'host-addresses',
      handle: async ([host], body, operation) => {
        const entry = hosts.find((h) => h.host === host);
        if (!entry) return refuse(404, 'host_not_found', `Host ${host} is not among the hosts known (the hooks file's hosts, or what reset printed)`);
        const addresses = body?.addresses;
        if (!Array.isArray(addresses) || !addresses.every((a) => typeof a === 'string' && a)) return invalid('addresses must be a list of addresses');
        const answer = printed(await run('host-addresses', operation, body, { RE_HOST: host!, RE_ADDRESSES: addresses.join(' ') }));
        hosts = hosts.map((h) => (h.host === host ? { ...h, addresses } : h));
        return ok(answer ?? hosts.find((h) => h.host === host));
      },
    },
    {
      method: 'POST',
      path: /^\/nodes\/(\d+)\/power$/,
      hook: 'power',
      handle: async ([uid], body, operation) => {
        if (body?.state !== 'up' && body?.state !== 'down') return invalid('state must be "up" or "down"');
        const answer = printed(await run('power', operation, body, { RE_NODE_UID: uid!, RE_STATE: body.state, RE_HOST: hostOf(Number(uid)) }));
        if (answer !== undefined) return ok(answer);
        const node = api ? await api('GET', `/v1/nodes/${uid}`) : undefined;
        return ok({ status: node?.status === 200 ? node.body?.status : null });
      },
    },
    {
      method: 'POST',
      path: /^\/clock$/,
      handle: async (_, body, operation) => {
        const days = body?.advance_days;
        const now = body?.now;
        if ((days === undefined) === (now === undefined)) return invalid('give either advance_days or now');
        if (days !== undefined && !(typeof days === 'number' && days >= 0)) return invalid('advance_days must be a number of days ≥ 0');
        if (now !== undefined && (typeof now !== 'string' || Number.isNaN(Date.parse(now)))) return invalid('now must be an ISO 8601 time');
        // Without a clock hook the cluster keeps real time: reading it is all that can be asked.
        if (!config.hooks.clock) return days === 0 ? ok({ now: new Date().toISOString() }) : notSupported('Moving the clock');
        const stdout = await run('clock', operation, body, { RE_ADVANCE_DAYS: days === undefined ? '' : String(days), RE_NOW: now ?? '' });
        const answer = printed(stdout) ?? { now: stdout.trim() };
        if (Number.isNaN(Date.parse((answer as { now?: string }).now ?? ''))) throw (broken = new HookFailed(`hook clock must print the cluster's time after the move (ISO 8601, or {"now": …}); it printed: ${tail(stdout) || 'nothing'}`));
        return ok(answer);
      },
    },
    {
      method: 'POST|DELETE',
      path: /^\/ports\/(\d{1,5})$/,
      hook: 'foreign-ports',
      handle: async ([port], body, operation) => {
        const held = operation.startsWith('POST');
        return ok(printed(await run('foreign-ports', operation, body, { RE_PORT: port!, RE_HELD: String(held) })) ?? { port: Number(port), held });
      },
    },
    {
      method: 'GET',
      path: /^\/nodes\/(\d+)\/internode$/,
      hook: 'internode-tls',
      handle: async ([uid], body, operation) => ok(must('internode-tls', 'where the listener is ({"host", "port"})', printed(await run('internode-tls', operation, body, { RE_NODE_UID: uid!, RE_HOST: hostOf(Number(uid)) })))),
    },
    {
      method: 'GET',
      path: /^\/bdbs\/(\d+)\/endpoint$/,
      hook: 'data-plane',
      handle: async ([uid], body, operation) => ok(must('data-plane', 'where the endpoint is ({"host", "port"})', printed(await run('data-plane', operation, body, { RE_BDB_UID: uid! })))),
    },
    {
      method: 'POST',
      path: /^\/crash$/,
      hook: 'crash',
      // 202 first, as the protocol says; the hook runs `after_ms` later, while the suite's requests
      // are in flight. It fails the run the same way, at the next operation.
      handle: async (_, body, operation) => {
        const after = body?.after_ms ?? 0;
        if (!Number.isInteger(after) || after < 0 || after > 60_000) return invalid('after_ms must be a whole number of milliseconds from 0 to 60000');
        setTimeout(() => void run('crash', operation, body, { RE_AFTER_MS: String(after) }).catch(() => {}), after);
        return ok({ after_ms: after }, 202);
      },
    },
  ];

  return async (method, path, body) => {
    if (broken) throw broken;
    const operation = `${method} ${path}`;
    const op = operations.find((o) => o.method.split('|').includes(method) && o.path.test(path));
    if (!op) return refuse(404, 'not_supported', `${operation} is not an operation of the control protocol`);
    if (op.hook && !config.hooks[op.hook]) return notSupported(operation);
    let params: string[];
    try {
      params = op.path.exec(path)!.slice(1).map(decodeURIComponent);
    } catch {
      return invalid(`${path} is not a well-formed path`);
    }
    return op.handle(params, body, operation);
  };
}

/** A target whose control protocol is the hooks of a hooks file (`--hooks FILE`). */
export function withHooks(target: Target, config: HooksConfig, runner: HookRunner = shellRunner, file = 'hooks'): Target {
  return { ...target, description: `${target.description} (control by the hooks in ${file})`, control: hooksControl(config, runner, target.api.bind(target)), controlFromHooks: true };
}
