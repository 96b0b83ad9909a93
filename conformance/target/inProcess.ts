import { inspectCluster } from '../../inspect/index.ts';
import { createMockCluster } from '../../mock/index.ts';
import type { Dialect } from '../../mock/api/dialect.ts';
import { withVariant } from '../../mock/server/variant.ts';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Form } from '../../mock/runtime/forms.ts';
import type { Mutant } from '../mutants/mutant.ts';
import type { Answer, Target } from '../../api/target.ts';
import { intercept } from './interception.ts';
import { keyPool } from '../../mock/pki/keyPool.ts';

/**
 * This process's mocks will take few more certificate keys (a worker of a parallel run with no
 * area left to be handed): none is made ahead of need any more (mock/pki/keyPool.ts).
 */
export const noMoreKeysAhead = (): void => keyPool.noMoreAhead();

async function read(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

let made = 0;

/**
 * The built-in mock, in this process: the suite's requests go through `fetch` to a host of its
 * own, which msw intercepts (no sockets) and hands to the mock's router — the one the server
 * answers through — a mutant's handlers before it as on the server.
 */
export function inProcessTarget(
  options: { settleMs?: number; mutant?: Mutant; listeners?: boolean; inspect?: string; dialect?: Dialect; forms?: readonly Form[] } = {},
): Target & { cluster: MockCluster; readonly origin: string } {
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
  // A host per target: two targets alive at once (a test's good and broken mocks) never answer for each other.
  const origin = `https://mock-${++made}.in-process`;
  const route = options.mutant ? withVariant(mock.router, mock.cluster, options.mutant) : mock.router;
  const release = intercept(new URL(origin).host, route);
  const send = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (body !== undefined) init.headers = { 'content-type': 'application/json' };
    return read(await fetch(`${origin}${path}`, init));
  };
  return {
    description: options.mutant ? `the mock with mutant ${options.mutant.name}` : `the built-in mock cluster (in-process${options.dialect ? `, dialect ${options.dialect}` : ''}${options.forms?.length ? `, forms ${options.forms.join(', ')}` : ''})`,
    cluster: mock.cluster,
    origin,
    ports: [],
    api: send,
    control: (method, path, body) => send(method, `/control/v1${path}`, body),
    // The mock names its hosts' APIs under its own origin.
    host: (base, method, path, body) => send(method, `${new URL(base).pathname}${path}`, body),
    async close() {
      release();
      await inspection?.close();
      await mock.cluster.edge?.close();
      mock.cluster.close();
    },
  };
}
