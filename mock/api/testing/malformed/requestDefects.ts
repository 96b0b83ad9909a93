import fc from 'fast-check';
import { ROUTES } from '../../handlers.ts';
import { bodyTarget, finish, serialize, text, type Draft } from './draft.ts';
import { CREDENTIALS, basic, type Payload } from './requests.ts';
import { BODY_RULES, JSON_TYPE, badUid, isNodeRoute, keyOf, maybeDryRun, ruleOf, uidRoutes, validUid } from './routes.ts';

/** Defects of the request around the body: credentials, uid, query, content type. */
const AUTH_HEADERS: readonly (readonly [string, string | undefined])[] = [
  ['no credentials', undefined],
  ['a wrong password', basic(`${CREDENTIALS.username}:guess`)],
  ['the password with a trailing space', basic(`${CREDENTIALS.username}:${CREDENTIALS.password} `)],
  ['an empty password', basic(`${CREDENTIALS.username}:`)],
  ['a wrong user', basic(`root:${CREDENTIALS.password}`)],
  ['no colon', basic(CREDENTIALS.username)],
  ['not base64', 'Basic !!!'],
  ['another scheme', `Bearer ${CREDENTIALS.password}`],
  ['an empty header', ''],
];

/** Any documented route, otherwise valid, without the right credentials: 401. */
export const authDefect = fc
  .tuple(fc.constantFrom(...ROUTES), fc.constantFrom(...AUTH_HEADERS))
  .chain(([route, [label, header]]) =>
    fc.record({ uid: validUid(route) }).map(({ uid }): Draft => {
      const rule = BODY_RULES[keyOf(route)];
      return {
        route,
        uid,
        credentials: true,
        headers: { ...(header === undefined ? {} : { authorization: header }), ...(rule ? JSON_TYPE : {}) },
        ...(rule ? { body: text(serialize(rule.base)) } : {}),
        expected: { status: 401, errorCode: 'unauthorized' },
        why: `${label}, on a cluster that requires credentials`,
      };
    }),
  )
  .map((d) => finish('auth', d));

/** A route with `{uid}`, otherwise valid, naming nothing: 404. */
export const uidDefect = fc
  .tuple(fc.constantFrom(...uidRoutes), fc.boolean())
  .chain(([route, credentials]) =>
    fc.record({ uid: badUid(route), action: fc.oneof(fc.constant('remove'), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s !== '.' && s !== '..')), query: route.method === 'GET' ? fc.constant('') : maybeDryRun }).map(
      ({ uid, action, query }): Draft => {
        const rule = BODY_RULES[keyOf(route)];
        return {
          route,
          uid,
          action,
          query,
          credentials,
          headers: rule ? { ...JSON_TYPE } : {},
          ...(rule ? { body: text(serialize(rule.base)) } : {}),
          expected: { status: 404 },
          why: `uid ${JSON.stringify(uid)} names no ${isNodeRoute(route) ? 'node' : 'database'}`,
        };
      },
    ),
  )
  .map((d) => finish('uid', d));

const logsRoute = ROUTES.find((r) => keyOf(r) === 'GET /v1/logs')!;
/** `GET /v1/logs` with one parameter out of its documented form: 400. */
export const queryDefect = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constant('order'), fc.constantFrom('sideways', '', 'ASC', 'Desc', 'asc ')),
      fc.tuple(fc.constantFrom('limit', 'offset'), fc.constantFrom('-1', 'abc', '1.5', '1e2', '', ' 1', '0x10', '+1')),
      fc.tuple(fc.constantFrom('stime', 'etime'), fc.constantFrom('yesterday', '', 'now', '12/31/2020', '1700000000000', '2020-13-45T00:00:00Z')),
    ),
    fc.boolean(),
  )
  .map(([[name, value], credentials]) =>
    finish(
      'query',
      {
        route: logsRoute,
        query: `?${new URLSearchParams({ [name]: value }).toString()}`,
        credentials,
        expected: { status: 400, errorCode: 'invalid_parameter' },
        why: `${name}=${JSON.stringify(value)} is not a documented value`,
      },
    ),
  );

const WRONG_TYPES = ['text/plain', 'text/plain;charset=UTF-8', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/xml', 'json', ''];
/** A valid, non-empty JSON body under a content type that is not JSON, or none: 400. */
export const contentTypeDefect = fc
  .tuple(bodyTarget, fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }), fc.boolean())
  .map(([t, type, credentials]) => {
    const data = serialize(ruleOf(t.route).base);
    // Without a type, the body goes as bytes: fetch would label a string text/plain.
    const body: Payload = type === undefined ? { data: new TextEncoder().encode(data), streamed: false } : text(data);
    return finish(
      'content-type',
      {
        ...t,
        credentials,
        headers: type === undefined ? {} : { 'content-type': type },
        body,
        expected: { status: 400, errorCode: 'invalid_content_type' },
        why: type === undefined ? 'no Content-Type' : `Content-Type ${JSON.stringify(type)} is not JSON`,
      },
    );
  });

/**
 * Text the server reads as neither empty (white space counts as empty) nor JSON, even with a
 * leading byte order mark dropped (RFC 8259 lets a parser ignore one).
 */
