import fc from 'fast-check';
import type { Route } from '../../route.ts';
import type { BadRequest, Defect, Expected, Payload } from './requests.ts';
import { bodyRoutes, keyOf, maybeDryRun, pathOf, validUid } from './routes.ts';

/** A request being built, and how it becomes a `BadRequest` that prints itself readably. */
export const text = (data: string): Payload => ({ data, streamed: false });

export interface Draft {
  readonly route: Route;
  readonly uid?: string;
  readonly action?: string;
  readonly query?: string;
  readonly node2Down?: boolean;
  /** The cluster requires credentials (the sender then adds the right ones, unless they are the defect). */
  readonly credentials: boolean;
  readonly headers?: Record<string, string>;
  readonly body?: Payload;
  readonly expected: Expected;
  readonly why: string;
}

const summary = (b: Payload | undefined) => {
  if (!b) return 'no body';
  if (typeof b.data !== 'string') {
    const hex = Buffer.from(b.data.subarray(0, 48)).toString('hex');
    return `<${b.data.byteLength} bytes: ${hex}${b.data.byteLength > 48 ? '…' : ''}>${b.streamed ? ' streamed' : ''}`;
  }
  const s = b.data;
  const shown = s.length > 120 ? `${s.slice(0, 100)}… (${s.length} chars)` : s;
  return `${JSON.stringify(shown)}${b.streamed ? ' streamed' : ''}`;
};

export function finish(defect: Defect, d: Draft): BadRequest {
  const target = pathOf(d.route, d.uid ?? '1', d.action) + (d.query ?? '');
  const fixture = { credentials: d.credentials, node2Down: d.node2Down ?? false };
  const req: BadRequest = {
    fixture,
    defect,
    route: d.route,
    method: d.route.method,
    target,
    headers: d.headers ?? {},
    body: d.body,
    expected: d.expected,
    why: d.why,
  };
  // What fast-check prints for a counterexample: the request, not 64 KiB of it.
  return Object.assign(req, {
    [fc.toStringMethod]: () =>
      `[${defect}] ${req.method} ${target} ${JSON.stringify(req.headers)} ${summary(req.body)} (credentials: ${fixture.credentials}, node 2 down: ${fixture.node2Down}) — ${req.why}`,
  });
}

/** A body route and a uid that reaches its body checks, with its fixture. */
export const bodyTarget = fc.constantFrom(...bodyRoutes).chain((route) =>
  fc.record({
    route: fc.constant(route),
    uid: keyOf(route) === 'PUT /v1/nodes/:uid' ? fc.constantFrom('2', '2', '1', '3') : validUid(route),
    node2Down: keyOf(route) === 'PUT /v1/nodes/:uid' ? fc.boolean() : fc.constant(false),
    query: maybeDryRun,
  }),
);

export const serialize = (body: Record<string, unknown>) => JSON.stringify(body);
