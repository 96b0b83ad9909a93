// A namespace import: a named import of `hash` would fail to link on a Node without it.
import * as crypto from 'node:crypto';
import { reject, type Rejection } from '../../domain/rejections.ts';
import type { ApiRequest } from './exchange.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * SHA-256 of a string. Every request pays for one: the one-shot `crypto.hash` (Node 20.12 and
 * later) makes no Hash object, which was most of the auth check's cost under load.
 */
const digest: (s: string) => Buffer =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'buffer') : (s) => crypto.createHash('sha256').update(s).digest();

/** The expected credentials' digest, computed once per credentials object. */
const expectedDigests = new WeakMap<Credentials, Buffer>();

/**
 * Checks HTTP Basic credentials. Both sides are hashed first so the comparison takes the same
 * time whatever the length or content of the guess.
 */
export function unauthorized(request: ApiRequest, expected: Credentials): Rejection | null {
  const header = request.header('authorization') ?? '';
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header.trim());
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  let want = expectedDigests.get(expected);
  if (!want) expectedDigests.set(expected, (want = digest(`${expected.username}:${expected.password}`)));
  const ok = crypto.timingSafeEqual(digest(given), want);
  return ok ? null : reject.unauthorized();
}

export const WWW_AUTHENTICATE = { 'www-authenticate': 'Basic realm="Redis Enterprise mock cluster"' };
