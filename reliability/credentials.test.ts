/**
 * Credentials are compared in constant time: whatever a client sends — no header, another
 * scheme, a guess of any length, a right user with a wrong password, a password right but for
 * its last character — the check hashes it and compares the digest with `timingSafeEqual`,
 * once, on buffers of one fixed length, and decides nothing before that comparison. (The time
 * itself is not measured here: performance is asserted by benchmarks, never by tests.)
 */
import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { unauthorized } from '../mock/api/auth.ts';
import { fromFetch } from '../mock/api/fetch.ts';
import { CREDENTIALS } from './testing/http.ts';

vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn((a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => real.timingSafeEqual(a, b)) };
});

const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
const GUESSES: readonly [string, string | undefined][] = [
  ['no header', undefined],
  ['an empty header', ''],
  ['another scheme', `Bearer ${CREDENTIALS.password}`],
  ['not base64', 'Basic !!!'],
  ['an empty pair', basic(':')],
  ['a wrong user', basic(`root:${CREDENTIALS.password}`)],
  ['a wrong password', basic(`${CREDENTIALS.username}:x`)],
  ['the password but its last character', basic(`${CREDENTIALS.username}:${CREDENTIALS.password.slice(0, -1)}X`)],
  ['the password and one character more', basic(`${CREDENTIALS.username}:${CREDENTIALS.password}X`)],
  ['a 10 KB guess', basic(`${CREDENTIALS.username}:${'x'.repeat(10_000)}`)],
  ['the right credentials', basic(`${CREDENTIALS.username}:${CREDENTIALS.password}`)],
];

describe('the credentials check', () => {
  const compare = vi.mocked(crypto.timingSafeEqual);
  beforeEach(() => {
    compare.mockClear();
  });

  for (const [label, header] of GUESSES) {
    it(`compares ${label} by digest with timingSafeEqual, once, on 32-byte buffers`, () => {
      const request = new Request('https://c.test/v1/nodes', { headers: header === undefined ? {} : { authorization: header } });
      const denied = unauthorized(fromFetch(request), CREDENTIALS);
      expect(denied === null).toBe(label === 'the right credentials');
      expect(compare).toHaveBeenCalledTimes(1);
      const [a, b] = compare.mock.calls[0]! as [Buffer, Buffer];
      expect([a.length, b.length]).toEqual([32, 32]);
      // The expected side is a digest, never the secret itself.
      expect(b.includes(Buffer.from(CREDENTIALS.password))).toBe(false);
    });
  }
});
