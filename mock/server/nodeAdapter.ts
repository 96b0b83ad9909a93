import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { reject } from '../../domain/rejections.ts';
import type { ApiRequest, Reply } from '../api/exchange.ts';
import { refuse } from '../api/http.ts';
import type { Router } from '../api/handlers.ts';

/**
 * Reads a request's body to its end, or stops as soon as it is over `limit` bytes: what is not
 * read stays on the connection, which the answer then closes. Rejects when the client breaks off
 * mid-body or breaks its framing.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  if (req.complete && req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      done(() => resolve(null));
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks).toString('utf8')));
    const onError = (error: Error) => done(() => reject(error));
    const onClose = () => done(() => reject(new Error('the client closed the connection mid-body')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Node's request as the routes read it: its headers as node parsed them, its body read on demand. */
function fromNode(req: IncomingMessage): ApiRequest {
  return {
    method: req.method ?? 'GET',
    header(name) {
      const v = req.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    },
    text: (limit) => readBody(req, limit),
  };
}

/** Writes an answer: text whole with its length, a feed (the live view's Server-Sent Events) as it comes. */
function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  if (reply.body !== null && typeof reply.body !== 'string') {
    const feed = Readable.fromWeb(reply.body as never);
    res.writeHead(reply.status, reply.headers);
    res.flushHeaders();
    res.on('close', () => feed.destroy());
    feed.on('error', () => res.destroy());
    feed.pipe(res);
    return;
  }
  const body = reply.body ?? '';
  const headers: Record<string, string> = { ...reply.headers, 'content-length': String(Buffer.byteLength(body)) };
  // Answered before the request body was read to its end (it was too large): the rest of it
  // is still on the connection, so the connection cannot carry another request.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(body);
}

/**
 * Serves the routes from a Node HTTP(S) server on node's own request and response: no Fetch
 * `Request` or `Response` per request. The in-process mock (msw) and the server answer alike
 * because they run the same routes through the same `answer`.
 */
export function nodeListener(route: Router, scheme: 'http' | 'https', fallbackHost: string, onAnswered?: (answered: Answered) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const start = performance.now();
    let reply: Reply;
    try {
      // The URL the client used (its Host header), so links the API hands out point back to it.
      const origin = `${scheme}://${req.headers.host ?? fallbackHost}`;
      // A request target in absolute form (`GET http://elsewhere/v1/nodes`) is served as its path
      // on this server: its authority must not become the origin of the links the API hands out.
      const target = new URL(req.url ?? '/', origin);
      reply = await route(fromNode(req), target.origin === origin && !target.hash ? target : new URL(`${target.pathname}${target.search}`, origin));
    } catch (error) {
      // A request Node parsed but a URL cannot be made of (a bad Host header).
      reply = refuse(reject.badRequest((error as Error).message));
    }
    writeReply(req, res, reply);
    // The path without its query: a query may carry what does not belong in a log.
    onAnswered?.({ method: req.method ?? '?', path: (req.url ?? '/').split('?')[0]!, status: reply.status, ms: performance.now() - start });
  };
}

/** One answered request, for the request log. */
export interface Answered {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

/** A request log line: `GET /v1/nodes 200 3ms`, the path cut short and stripped of control characters. */
export const requestLine = (a: Answered): string =>
  `${a.method.slice(0, 16)} ${a.path.replace(/[^\x21-\x7e]/g, '?').slice(0, 200)} ${a.status} ${Math.round(a.ms)}ms`;
