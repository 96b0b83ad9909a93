/**
 * Generators of requests the cluster API must refuse (API-ERR-001, API-ERR-002), for
 * `mock/api/badInput.test.ts`.
 *
 * Every request generated here is *definitely* invalid: it is a well-formed request (most are
 * ones the cluster would accept) with one defect added, and the defect is one that no correct
 * implementation may accept. (An oversized body is refused for its size whatever it holds.)
 * Where the API is lenient on purpose, the generators keep clear of the leniency, and say so:
 * - an empty body is a valid body for the two routes whose body is optional (node removal and
 *   certificate rotation), and white space counts as empty, so "not JSON" is never blank;
 * - a field sent back exactly as GET shows it is tolerated (clients PUT what they GOT), so a
 *   read-only field is only ever sent with a value of another JSON type than its current one;
 * - a database uid may be given as a string of digits, so "a string for a number" is never all
 *   digits; an alert threshold may be a number of days, so it is never a number in range;
 * - `external_addr` may hold IPv6 addresses on an IPv4 cluster (only the internal address has a
 *   family), so the family mismatch is generated for `addr` only;
 * - GET and DELETE take no body (the document lists none), so for them only the path, the query
 *   or the credentials can be wrong.
 *
 * The cluster the requests go to is always the same fixture (see {@link Fixture}): nodes 1-3 on
 * 10.0.0.1-3 (IPv4 internal addresses; every host also has 2001:db8::i bound), one spare host,
 * and database 1 created and settled (active), so that a valid uid reaches the body checks.
 */
import fc from 'fast-check';
import { addressDefect, deepDefect, notJsonDefect, notObjectDefect, oversizedDefect, readOnlyDefect, unknownFieldDefect, wrongTypeDefect } from './bodyDefects.ts';
import { authDefect, contentTypeDefect, queryDefect, uidDefect } from './requestDefects.ts';
import type { BadRequest } from './requests.ts';

export const badRequest: fc.Arbitrary<BadRequest> = fc.oneof(
  authDefect,
  uidDefect,
  queryDefect,
  contentTypeDefect,
  notJsonDefect,
  notObjectDefect,
  { weight: 2, arbitrary: wrongTypeDefect },
  unknownFieldDefect,
  readOnlyDefect,
  deepDefect,
  oversizedDefect,
  { weight: 2, arbitrary: addressDefect },
);

export { BASE_URL, basic, CREDENTIALS, DEFECTS, GOOD_AUTH, LIMIT } from './requests.ts';
export type { BadRequest, Defect, Expected, Fixture, Payload } from './requests.ts';
export { DUPLICATE_LISTS, MALFORMED_ADDRESSES, WRONG_FAMILY_ADDRESSES } from './addresses.ts';
export { BODY_RULES, routesWithoutBodyRule } from './routes.ts';
export { own, withField } from './values.ts';
