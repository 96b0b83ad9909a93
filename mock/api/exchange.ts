/**
 * What a route reads of a request. The msw handlers make it of a Fetch `Request`, the server of
 * node's `IncomingMessage` (`mock/api/fetch.ts`, `mock/server/nodeAdapter.ts`), so one set of
 * routes serves both without a Fetch object per request on the server.
 */
export interface ApiRequest {
  readonly method: string;
  /** A header's value (the name in lower case), or null. */
  header(name: string): string | null;
  /**
   * The body as text, read to its end, or null as soon as it is over `limit` bytes (the rest is
   * left unread). Rejects when the client breaks off or breaks the framing mid-body.
   */
  text(limit: number): Promise<string | null>;
}

/** A route's answer, as plain data: each side writes it its own way (a Fetch `Response`, or node's `ServerResponse`). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Text, a feed written as it comes (Server-Sent Events), or nothing. */
  readonly body: string | ReadableStream<Uint8Array> | null;
}
