import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { reject } from '../../domain/rejections.ts';
import { refuse } from '../api/http.ts';

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}


/**
 * Serves a Fetch-style dispatcher from a Node HTTP(S) server: each request becomes a Fetch
 * `Request` (its body streamed, so a route's size limit applies while reading, not after), and
 * the `Response` is written back. The in-process mock and the server answer alike because they
 * run the same routes through the same `answer`.
 */
export function nodeListener(dispatch: (request: Request) => Promise<Response>, scheme: 'http' | 'https', fallbackHost: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let response: Response;
    try {
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      // The URL the client used (its Host header), so links the API hands out point back to it.
      const origin = `${scheme}://${req.headers.host ?? fallbackHost}`;
      // A request target in absolute form (`GET http://elsewhere/v1/nodes`) is served as its path
      // on this server: its authority must not become the origin of the links the API hands out.
      const target = new URL(req.url ?? '/', origin);
      const request = new Request(new URL(`${target.pathname}${target.search}`, origin), {
        method: req.method ?? 'GET',
        headers: toHeaders(req.headers),
        body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
        // Required by Fetch for a streamed request body.
        duplex: 'half',
      } as RequestInit);
      response = await dispatch(request);
    } catch (error) {
      // A request Node parsed but Fetch refuses (an invalid header value, a bad URL).
      response = refuse(reject.badRequest((error as Error).message));
    }
    // A feed (the live view's Server-Sent Events) is written as it comes, never buffered whole.
    if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
      const feed = Readable.fromWeb(response.body as never);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.flushHeaders();
      res.on('close', () => feed.destroy());
      feed.on('error', () => res.destroy());
      feed.pipe(res);
      return;
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...Object.fromEntries(response.headers), 'content-length': String(body.length) };
    // Answered before the request body was read to its end (it was too large): the rest of it
    // is still on the connection, so the connection cannot carry another request.
    if (!req.complete) headers.connection = 'close';
    res.writeHead(response.status, headers);
    res.end(body);
  };
}
