import { getResponse } from 'msw';
import { inspectCluster } from '../../inspect/index.ts';
import { createMockCluster } from '../../mock/index.ts';
import type { Dialect } from '../../mock/api/dialect.ts';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Form } from '../../mock/runtime/forms.ts';
import type { Mutant } from '../mutants/mutant.ts';
import type { Answer, Target } from '../../api/target.ts';

const ORIGIN = 'https://mock.in-process';

async function read(response: Response | undefined): Promise<Answer> {
  if (!response) return { status: 404, body: undefined };
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * The built-in mock, in this process: requests go straight to its msw handlers (no sockets,
 * no interception of the global fetch), so a run is fast and needs nothing from the machine.
 */
export function inProcessTarget(
  options: { settleMs?: number; mutant?: Mutant; listeners?: boolean; inspect?: string; dialect?: Dialect; forms?: readonly Form[] } = {},
): Target & { cluster: MockCluster } {
  const listeners = options.listeners ?? options.mutant?.listeners ?? false;
  const mock = createMockCluster({
    settleMs: options.settleMs ?? 5,
    listeners,
    ...(options.mutant?.prepare ? { prepare: options.mutant.prepare } : {}),
    ...(options.dialect ? { dialect: options.dialect } : {}),
    ...(options.forms?.length ? { forms: options.forms } : {}),
  });
  // `--inspect`: its machines stream to a Stately inspector (inspect/); off, nothing is attached.
  const inspection = options.inspect ? inspectCluster(mock.cluster, { url: options.inspect, log: (m) => process.stderr.write(`${m}\n`) }) : undefined;
  // A mutant that rewrites a request hands it on to the mock's own handlers.
  const through = async (r: Request) => (await getResponse(mock.handlers, r)) ?? new Response(null, { status: 404 });
  const handlers = [...(options.mutant?.handlers(mock.cluster, through) ?? []), ...mock.handlers];
  const send = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (body !== undefined) init.headers = { 'content-type': 'application/json' };
    return read(await getResponse(handlers, new Request(`${ORIGIN}${path}`, init)));
  };
  return {
    description: options.mutant ? `the mock with mutant ${options.mutant.name}` : `the built-in mock cluster (in-process${options.dialect ? `, dialect ${options.dialect}` : ''}${options.forms?.length ? `, forms ${options.forms.join(', ')}` : ''})`,
    cluster: mock.cluster,
    ports: [],
    api: send,
    control: (method, path, body) => send(method, `/control/v1${path}`, body),
    // The mock names its hosts' APIs under its own origin.
    host: (base, method, path, body) => send(method, `${new URL(base).pathname}${path}`, body),
    async close() {
      await inspection?.close();
      await mock.cluster.edge?.close();
      mock.cluster.close();
    },
  };
}
