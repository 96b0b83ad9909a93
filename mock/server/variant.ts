import type { HttpHandler } from 'msw';
import { MAX_BODY_BYTES } from '../api/http.ts';
import { fromFetch, toResponse } from '../api/fetch.ts';
import type { ApiRequest, Reply } from '../api/exchange.ts';
import type { Router } from '../api/handlers.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';

/**
 * A variant of the mock's behaviour, put in front of its routes: msw handlers that answer the
 * requests they match (the rest falls through to the mock's own routes), and a hook run on the
 * new cluster before its listeners attach. The suite's broken variants (`conformance/mutants/`)
 * have this shape; the mock names no variant itself, so it never imports the suite.
 */
export interface ServerVariant {
  readonly name: string;
  /** `through` hands a (rewritten) request on to the mock's own routes. */
  handlers(cluster: MockCluster, through: (request: Request) => Promise<Response>): HttpHandler[];
  readonly prepare?: (cluster: MockCluster) => void;
}

/** A Fetch `Response` as the server writes it. */
async function fromResponse(response: Response): Promise<Reply> {
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/**
 * The router with a variant's handlers before it. A request they may read is made a Fetch
 * `Request` (its body read first, within the API's limit); one over the limit goes straight to
 * the mock's routes, which refuse it.
 */
export function withVariant(route: Router, cluster: MockCluster, variant: ServerVariant): Router {
  const through = async (request: Request) => toResponse(await route(fromFetch(request), new URL(request.url)));
  const handlers = variant.handlers(cluster, through);
  if (handlers.length === 0) return route;
  return async (request: ApiRequest, url: URL): Promise<Reply> => {
    const text = await request.text(MAX_BODY_BYTES);
    if (text === null) return route({ method: request.method, header: (name) => request.header(name), text: async () => null }, url);
    // The headers the routes and the variants read.
    const headers = new Headers();
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = request.header(name);
      if (value !== null) headers.set(name, value);
    }
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && text !== '';
    const fetchRequest = new Request(url, { method: request.method, headers, ...(hasBody ? { body: text } : {}) });
    // msw only when a variant is served: the plain mock starts without loading it.
    const { getResponse } = await import('msw');
    const answered = await getResponse(handlers, fetchRequest.clone());
    return answered ? fromResponse(answered) : route(fromFetch(fetchRequest), url);
  };
}
