import type { Route } from '../../route.ts';

/** The requests the generators make: what is sent, to which fixture, and what must come back. */
export const BASE_URL = 'https://cluster.test:9443';
export const CREDENTIALS = { username: 'admin@example.com', password: 'secret' } as const;
export const basic = (userAndPassword: string): string => `Basic ${Buffer.from(userAndPassword, 'utf8').toString('base64')}`;
export const GOOD_AUTH = basic(`${CREDENTIALS.username}:${CREDENTIALS.password}`);
/** The body size limit of `mock/api/http.ts` (MAX_BODY_BYTES); one byte more is refused. */
export const LIMIT = 64 * 1024;

/** How the cluster a request goes to is set up, besides the fixed topology. */
export interface Fixture {
  /** Built with CREDENTIALS (every request then needs them), or open. */
  readonly credentials: boolean;
  /**
   * Node 2 powered off first. Only for `PUT /v1/nodes/{uid}` cases: on a down node a bad `addr`
   * can only be refused by the address rule, not by the offline rule (406) that would answer
   * for an active node even if the address check were missing. Elsewhere it stays up, so that
   * rotation is not refused for a down node whatever its body says.
   */
  readonly node2Down: boolean;
}

export type Defect =
  | 'auth'
  | 'uid'
  | 'query'
  | 'content-type'
  | 'not-json'
  | 'not-object'
  | 'wrong-type'
  | 'unknown-field'
  | 'read-only'
  | 'deep'
  | 'oversized'
  | 'address';

export const DEFECTS: readonly Defect[] = ['auth', 'uid', 'query', 'content-type', 'not-json', 'not-object', 'wrong-type', 'unknown-field', 'read-only', 'deep', 'oversized', 'address'];

/** What is sent as the body: text (fetch adds a Content-Length) or bytes, optionally streamed (no Content-Length). */
export interface Payload {
  readonly data: string | Uint8Array;
  readonly streamed: boolean;
}

/** The answer a defect must get: an exact status, or any 4xx; and, when fixed, the error code. */
export interface Expected {
  readonly status: number | '4xx';
  readonly errorCode?: string;
}

export interface BadRequest {
  readonly fixture: Fixture;
  readonly defect: Defect;
  /** The documented route (from ROUTES) the request is for. */
  readonly route: Route;
  readonly method: Route['method'];
  /** Path and query, from the API root. */
  readonly target: string;
  /** Sent as is; `authorization` is added by the sender when the fixture has credentials and the defect is not `auth`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Payload | undefined;
  readonly expected: Expected;
  /** Why the request is invalid, in words (shown in the counterexample). */
  readonly why: string;
}
