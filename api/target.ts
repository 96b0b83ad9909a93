/** What the suite sees of an answer: the status and the parsed JSON body (undefined if none). */
export interface Answer {
  readonly status: number;
  readonly body: any;
}

/**
 * An implementation under test, reached over its REST API, and (optionally) its test-control
 * protocol (spec/control.md). The suite never assumes more of a target than this.
 */
export interface Target {
  readonly description: string;
  /**
   * The TCP ports the suite reaches the target on (its API, plain HTTP, control protocol): `[]`
   * when it is reached through no socket (in-process), the only target whose API a request may
   * move to another port; absent when unknown.
   */
  readonly ports?: readonly number[];
  api(method: string, path: string, body?: unknown): Promise<Answer>;
  /** The control protocol, from its base (`/control/v1` on the mock); undefined without one. */
  control?(method: string, path: string, body?: unknown): Promise<Answer>;
  /**
   * The control protocol is served by the suite's own process (operator hooks), not by the
   * target: its refusals of malformed requests are then the suite's, and are not checked.
   */
  readonly controlFromHooks?: boolean;
  /** The same REST API over plain HTTP (`cnm_http_port`), where the operator says it is served. */
  plain?(method: string, path: string, body?: unknown): Promise<Answer>;
  /** A host's own API at a base URL the control protocol named (a `bootstrap_url`). */
  host?(base: string, method: string, path: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

/** A target that cannot be reached or answers with something that is not HTTP+JSON. */
export class TargetUnreachable extends Error {
  /** @param untrusted the target's certificate is not trusted (api/trust.ts): the message says the fix. */
  constructor(
    message: string,
    readonly untrusted = false,
  ) {
    super(message);
  }
}
