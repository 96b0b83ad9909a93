import type { ApiRequest, Reply } from './exchange.ts';

/** Reads a Fetch body stream, giving up (null) as soon as it is over `limit` bytes. */
async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string | null> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling a tee'd request stream can wait on the other branch forever.
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A Fetch `Request` (what msw hands its handlers) as the routes read it. */
export function fromFetch(request: Request): ApiRequest {
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    text: (limit) => readLimited(request.body, limit),
  };
}

/** A route's answer as a Fetch `Response` (what msw's handlers return). */
export const toResponse = (reply: Reply): Response => new Response(reply.body, { status: reply.status, headers: reply.headers });
