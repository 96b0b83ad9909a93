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
import { ROUTES } from '../handlers.ts';
import type { Route } from '../route.ts';
import { isDatabaseSetting } from '../../../domain/rules/databaseSettings.ts';

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

// ---------------------------------------------------------------------------------------------
// JSON values of each kind, and values that are definitely not of a kind
// ---------------------------------------------------------------------------------------------

/** A plain object with exactly these own properties, `__proto__` included (a literal would set the prototype). */
export const own = (...entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => Object.fromEntries(entries);
/** `base` with `key` set (or added) as an own property. */
export const withField = (base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> =>
  Object.fromEntries([...Object.entries(base).filter(([k]) => k !== key), [key, value]]);

const json = fc.jsonValue({ maxDepth: 2 });
/**
 * Objects, including ones whose keys shadow Object.prototype: a server that calls `String(x)`
 * or looks a key up in a plain object is caught by these.
 */
const objects: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }),
  fc.constantFrom(own(['toString', 1]), own(['valueOf', {}], ['toString', 'x']), own(['__proto__', {}]), own(['length', 1]), own(['0', '10.0.0.1'])),
);
const arrays = fc.array(json, { maxLength: 4 });
const nonIntegers = fc.oneof(
  fc.constantFrom(1.5, -0.5, 0.1, 1e-7, 65535.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);
const numbers = fc.oneof(fc.integer(), nonIntegers);
/** Strings that are not all digits, so no lenient reading can take them for a number. */
const nonDigitStrings = fc.oneof(
  fc.constantFrom('', 'ten', '1.5', ' 1', '1 ', '0x10', '1e3', '-1', '+1', 'NaN', 'Infinity', 'true', 'null'),
  fc.string({ maxLength: 10 }).filter((s) => !/^[0-9]+$/.test(s)),
);
const notString = fc.oneof(numbers, fc.boolean(), fc.constant(null), objects, arrays);
const notBoolean = fc.oneof(fc.constantFrom('true', 'false', 'yes', '', 0, 1), fc.string({ maxLength: 6 }), numbers, fc.constant(null), objects, arrays);
const notInteger = fc.oneof(nonDigitStrings, nonIntegers, fc.boolean(), fc.constant(null), objects, arrays);

/** A value of another JSON type than `current`'s: it can never be "sent back unchanged". */
function otherTypeThan(current: unknown): fc.Arbitrary<unknown> {
  const kinds: fc.Arbitrary<unknown>[] = [];
  if (typeof current !== 'string') kinds.push(fc.string({ maxLength: 8 }));
  if (typeof current !== 'number') kinds.push(numbers);
  if (typeof current !== 'boolean') kinds.push(fc.boolean());
  if (current !== null) kinds.push(fc.constant(null));
  if (!Array.isArray(current)) kinds.push(arrays);
  if (typeof current !== 'object' || current === null || Array.isArray(current)) kinds.push(objects);
  return fc.oneof(...kinds);
}

// ---------------------------------------------------------------------------------------------
// Addresses (NODE-ADDR-007, NODE-ADDR-015)
// ---------------------------------------------------------------------------------------------

/**
 * Address forms the API refuses, with why. Every one is refused whatever the cluster's family:
 * none parses as exactly one IPv4 dotted quad or one plain IPv6 address a node could bind.
 */
export const MALFORMED_ADDRESSES: readonly (readonly [label: string, value: unknown])[] = [
  ['leading zeros', '010.0.0.1'],
  ['leading zeros in the last octet', '10.0.0.01'],
  ['leading zeros in the dotted quad of an IPv6 address', '2001:db8::010.0.0.1'],
  ['IPv4-mapped IPv6', '::ffff:10.0.0.1'],
  ['IPv4-mapped IPv6, upper case', '::FFFF:10.0.0.1'],
  ['IPv4-mapped IPv6, hex form', '::ffff:a00:1'],
  ['a zone id', 'fe80::1%eth0'],
  ['a percent-encoded zone id', 'fe80::1%25eth0'],
  ['a leading space', ' 10.0.0.1'],
  ['a trailing space', '10.0.0.1 '],
  ['a trailing newline', '10.0.0.1\n'],
  ['a leading tab', '\t10.0.0.1'],
  ['an octet over 255', '256.0.0.1'],
  ['three octets', '10.0.0'],
  ['a trailing dot', '10.0.0.1.'],
  ['a prefix length', '10.0.0.1/24'],
  ['a port', '10.0.0.1:80'],
  ['brackets', '[2001:db8::1]'],
  ['hex octets', '0x0a.0.0.1'],
  ['the unspecified address', '0.0.0.0'],
  ['the unspecified IPv6 address', '::'],
  ['the broadcast address', '255.255.255.255'],
  ['a multicast address', '224.0.0.1'],
  ['a host name', 'node2.example.com'],
  ['the empty string', ''],
  ['a number', 42],
  ['null', null],
  ['a boolean', true],
  ['a list', ['10.0.0.9']],
  ['an object', {}],
];

/**
 * Well-formed IPv6 addresses, refused as `addr` on this IPv4 cluster with
 * `address_family_mismatch` (NODE-ADDR-003). 2001:db8::2 is even bound on node 2's host.
 */
export const WRONG_FAMILY_ADDRESSES: readonly string[] = ['2001:db8::9', '2001:db8::2', 'fe80::1'];

/** Lists `external_addr` refuses: the same address twice, however it is written. */
export const DUPLICATE_LISTS: readonly (readonly string[])[] = [
  ['203.0.113.5', '203.0.113.5'],
  ['2001:db8::55', '2001:DB8::55'],
  ['2001:db8::55', '2001:db8:0:0:0:0:0:55'],
  ['203.0.113.5', '198.51.100.5', '203.0.113.5'],
];

/** External addresses no node uses: valid members of a list, and a valid change. */
const FREE_EXTERNAL = ['203.0.113.7', '198.51.100.9', '2001:db8::77'] as const;

const badAddr: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MALFORMED_ADDRESSES.map(([, v]) => v)) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG_FAMILY_ADDRESSES) },
  { weight: 1, arbitrary: notString },
);

/** A list with one bad member among valid ones, a list with a duplicate, or no list at all. */
const badAddrList: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.constantFrom(...MALFORMED_ADDRESSES.map(([, v]) => v)), notString), fc.subarray([...FREE_EXTERNAL]), fc.nat())
    .map(([bad, good, at]) => {
      const list: unknown[] = [...good];
      list.splice(at % (list.length + 1), 0, bad);
      return list;
    }),
  fc.constantFrom(...DUPLICATE_LISTS.map((l) => [...l])),
  fc.oneof(fc.constantFrom('10.0.0.9', '203.0.113.7', ''), numbers, fc.boolean(), fc.constant(null), objects),
);

// ---------------------------------------------------------------------------------------------
// Routes: what a valid request to each looks like, and what is wrong for each field
// ---------------------------------------------------------------------------------------------

interface BodyRule {
  /** An empty body is valid (the document marks the request body not required). */
  readonly optional: boolean;
  /** A body that is accepted as it is (or refused for reasons other than its form). */
  readonly base: Record<string, unknown>;
  /** Writable fields, each with values that are definitely wrong for it. */
  readonly wrong: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Read-only fields of the resource's GET view, each with a value of its JSON type (only the type is used). */
  readonly view: Readonly<Record<string, unknown>>;
}

const NODE_VIEW = { uid: 1, status: 'active', use_internal_ipv6: false, accept_servers: true, shard_count: 0, software_version: '7.8.0-mock' };
const BDB_VIEW = { uid: 1, status: 'active', endpoints: [] };

/** Alert settings that are wrong: not an object, an alert this API does not have, or a bad setting of a known one. */
const alertLimits = { cluster_certs_about_to_expire: 3650, node_internal_certs_about_to_expire: 89 } as const;
const badAlertSettings: fc.Arbitrary<unknown> = fc.oneof(
  // Not an object. An array is an object to `typeof`, and must not pass for one.
  fc.oneof(fc.string({ maxLength: 6 }), numbers, fc.boolean(), fc.constant(null), arrays),
  // An alert name this API does not model, including names Object.prototype has.
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom('node_cpu_utilization', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', ''),
        fc.string({ maxLength: 10 }).filter((s) => !(s in alertLimits)),
      ),
      fc.oneof(fc.constant({}), fc.constant({ enabled: true }), json),
    )
    .map(([name, value]) => own([name, value])),
  // A known alert with a bad setting.
  fc
    .tuple(
      fc.constantFrom(...(Object.keys(alertLimits) as (keyof typeof alertLimits)[])),
      fc.constantFrom('setting', 'enabled', 'threshold', 'extra'),
    )
    .chain(([name, what]) => {
      const limit = alertLimits[name];
      const setting: fc.Arbitrary<unknown> =
        what === 'setting'
          ? fc.oneof(fc.string({ maxLength: 6 }), numbers, fc.boolean(), fc.constant(null), arrays)
          : what === 'enabled'
            ? notBoolean.map((v) => ({ enabled: v }))
            : what === 'threshold'
              ? fc
                  .oneof(
                    // Days are a whole number from 1 to the limit, as a number or a string of digits.
                    fc.constantFrom(0, -1, limit + 1, String(limit + 1), '0', '', ' 5', '5 ', '1e1', 'soon', '99999', 99999),
                    nonIntegers,
                    fc.boolean(),
                    fc.constant(null),
                    objects,
                    arrays,
                  )
                  .map((v) => ({ enabled: true, threshold: v }))
              : fc.constantFrom('severity', 'threshold_days', 'state').map((k) => ({ enabled: true, [k]: 1 }));
      return setting.map((v) => own([name, v]));
    }),
);

const ROTATABLE = ['ccs_internode_encryption', 'data_internode_encryption'];

/** Body rules by `METHOD path`, for every PUT and POST route. The test checks none is missing. */
export const BODY_RULES: Readonly<Record<string, BodyRule>> = {
  'PUT /v1/nodes/:uid': {
    optional: false,
    base: {},
    wrong: { addr: badAddr, external_addr: badAddrList },
    view: NODE_VIEW,
  },
  'POST /v1/nodes/:uid/actions/remove': {
    optional: true,
    base: {},
    wrong: { wait_for_persistence: notBoolean },
    view: {},
  },
  'POST /v1/bdbs': {
    optional: false,
    base: { name: 'db2', memory_size: 1 },
    wrong: {
      name: fc.oneof(notString, fc.constantFrom('', '-db', 'db-', 'a b', 'db_1', 'db.1', 'dé')),
      memory_size: fc.oneof(notInteger, fc.constantFrom(0, -1, 1e21)),
      port: fc.oneof(notInteger, fc.constantFrom(0, -1, 65536, 70000)),
      uid: fc.oneof(notInteger, fc.constantFrom(0, -1)),
      data_internode_encryption: notBoolean,
    },
    view: {},
  },
  'PUT /v1/bdbs/:uid': {
    optional: false,
    base: {},
    wrong: {
      name: fc.oneof(notString, fc.constantFrom('', '-db', 'a b', 'db_1')),
      memory_size: fc.oneof(notInteger, fc.constantFrom(0, -1, 1e21)),
      // Any integer is well-formed (a changed one is 406, 0 is "unchanged" for an assigned port).
      port: notInteger,
      data_internode_encryption: notBoolean,
    },
    view: BDB_VIEW,
  },
  'PUT /v1/cluster': {
    optional: false,
    base: {},
    wrong: {
      cm_port: fc.oneof(notInteger, fc.constantFrom(0, 80, 1023, 65536)),
      cnm_http_port: fc.oneof(notInteger, fc.constantFrom(0, 80, 1023, 65536)),
      cnm_https_port: fc.oneof(notInteger, fc.constantFrom(0, 80, 1023, 65536)),
      http_support: notBoolean,
      alert_settings: badAlertSettings,
    },
    view: { name: 'cluster.mock.local' },
  },
  'PUT /v1/cluster/policy': {
    optional: false,
    base: {},
    wrong: { data_internode_encryption: notBoolean },
    view: {},
  },
  'POST /v1/cluster/certificates/rotate': {
    optional: true,
    base: {},
    wrong: {
      name: fc.oneof(
        notString,
        fc.constantFrom('api', 'proxy', 'syncer', 'cm', 'CCS_INTERNODE_ENCRYPTION', 'data_internode_encryption ', '', 'toString', '__proto__', 'constructor'),
        fc.string({ maxLength: 12 }).filter((s) => !ROTATABLE.includes(s)),
      ),
    },
    view: {},
  },
};

const keyOf = (r: Route) => `${r.method} ${r.path}`;
const hasUid = (r: Route) => r.path.includes(':uid');
const isNodeRoute = (r: Route) => r.path.startsWith('/v1/nodes');
const bodyRoutes = ROUTES.filter((r) => BODY_RULES[keyOf(r)] !== undefined);
const uidRoutes = ROUTES.filter(hasUid);
const ruleOf = (r: Route): BodyRule => BODY_RULES[keyOf(r)]!;

/** Route keys that take a body but have no rule here: must be empty (checked by the test). */
export const routesWithoutBodyRule = (): string[] => ROUTES.filter((r) => (r.method === 'PUT' || r.method === 'POST') && !BODY_RULES[keyOf(r)]).map(keyOf);

/** Fills `:uid` (percent-encoded, so a uid is always one path segment) and `:action`. */
const pathOf = (r: Route, uid: string, action = 'remove') =>
  r.path.replace(':uid', encodeURIComponent(uid)).replace(':action', encodeURIComponent(action));

/** A uid that names the fixture's entity: a node (1-3) or database 1. */
const validUid = (r: Route): fc.Arbitrary<string> => (isNodeRoute(r) ? fc.constantFrom('1', '2', '3') : fc.constant('1'));

/**
 * Uids that name nothing: well-formed but unknown, or not a uid at all. Never '', '.', '..'
 * (the URL would name another path) nor `actions` / `alerts` (literal routes under /v1/nodes).
 */
const badUid = (r: Route): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(isNodeRoute(r) ? '4' : '2', '42', '999999999', '9999999999'),
    fc.constantFrom('abc', '-1', '0', '1.5', '01', '1e3', '0x1', '+1', '1 ', ' 1', '１', '%31', '1;2', 'null'),
    fc.integer({ min: 11, max: 40 }).map((n) => '1'.repeat(n)),
    fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/^[1-9][0-9]{0,9}$/.test(s) && !['.', '..', 'actions', 'alerts'].includes(s)),
  );

/** `?dry_run=1` now and then: a refusal must not depend on it. */
const maybeDryRun = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('?dry_run=1') });

const JSON_TYPE = { 'content-type': 'application/json' } as const;
const jsonTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
const text = (data: string): Payload => ({ data, streamed: false });

interface Draft {
  readonly route: Route;
  readonly uid?: string;
  readonly action?: string;
  readonly query?: string;
  readonly node2Down?: boolean;
  /** The cluster requires credentials (the sender then adds the right ones, unless they are the defect). */
  readonly credentials: boolean;
  readonly headers?: Record<string, string>;
  readonly body?: Payload;
  readonly expected: Expected;
  readonly why: string;
}

const summary = (b: Payload | undefined) => {
  if (!b) return 'no body';
  if (typeof b.data !== 'string') {
    const hex = Buffer.from(b.data.subarray(0, 48)).toString('hex');
    return `<${b.data.byteLength} bytes: ${hex}${b.data.byteLength > 48 ? '…' : ''}>${b.streamed ? ' streamed' : ''}`;
  }
  const s = b.data;
  const shown = s.length > 120 ? `${s.slice(0, 100)}… (${s.length} chars)` : s;
  return `${JSON.stringify(shown)}${b.streamed ? ' streamed' : ''}`;
};

function finish(defect: Defect, d: Draft): BadRequest {
  const target = pathOf(d.route, d.uid ?? '1', d.action) + (d.query ?? '');
  const fixture = { credentials: d.credentials, node2Down: d.node2Down ?? false };
  const req: BadRequest = {
    fixture,
    defect,
    route: d.route,
    method: d.route.method,
    target,
    headers: d.headers ?? {},
    body: d.body,
    expected: d.expected,
    why: d.why,
  };
  // What fast-check prints for a counterexample: the request, not 64 KiB of it.
  return Object.assign(req, {
    [fc.toStringMethod]: () =>
      `[${defect}] ${req.method} ${target} ${JSON.stringify(req.headers)} ${summary(req.body)} (credentials: ${fixture.credentials}, node 2 down: ${fixture.node2Down}) — ${req.why}`,
  });
}

/** A body route and a uid that reaches its body checks, with its fixture. */
const bodyTarget = fc.constantFrom(...bodyRoutes).chain((route) =>
  fc.record({
    route: fc.constant(route),
    uid: keyOf(route) === 'PUT /v1/nodes/:uid' ? fc.constantFrom('2', '2', '1', '3') : validUid(route),
    node2Down: keyOf(route) === 'PUT /v1/nodes/:uid' ? fc.boolean() : fc.constant(false),
    query: maybeDryRun,
  }),
);

const serialize = (body: Record<string, unknown>) => JSON.stringify(body);

// ---------------------------------------------------------------------------------------------
// One arbitrary per defect
// ---------------------------------------------------------------------------------------------

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
const authDefect = fc
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
const uidDefect = fc
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
const queryDefect = fc
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
const contentTypeDefect = fc
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
const isNotJson = (s: string) => {
  if (s.trim() === '') return false;
  try {
    JSON.parse(s.replace(/^\uFEFF/, ''));
    return false;
  } catch {
    return true;
  }
};
const decoded = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

const notJsonPayload: fc.Arbitrary<[Payload, string]> = fc.oneof(
  // Truncated JSON: a valid object cut short.
  fc
    .tuple(fc.dictionary(fc.string({ maxLength: 6 }), json, { minKeys: 1, maxKeys: 3 }), fc.nat())
    .map(([o, n]) => {
      const s = JSON.stringify(o);
      return s.slice(0, 1 + (n % (s.length - 1)));
    })
    .filter(isNotJson)
    .map((s): [Payload, string] => [text(s), 'truncated JSON']),
  fc.constantFrom('{', '{"addr": "10.0.0.9",', "{'name': 'db1'}", '{name: "db1"}', '{"a":1}}', '{"a":1,}', 'undefined', 'NaN', '{"a": NaN}', '[1,]').map((s): [Payload, string] => [text(s), 'not JSON']),
  fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).filter(isNotJson).map((s): [Payload, string] => [text(s), 'a random string']),
  fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .filter((b) => isNotJson(decoded(b)))
    .map((b): [Payload, string] => [{ data: b, streamed: false }, 'random bytes']),
);

/** A body that is not JSON at all: 400 invalid_json. */
const notJsonDefect = fc
  .tuple(bodyTarget, notJsonPayload, jsonTypes, fc.boolean())
  .map(([t, [body, what], type, credentials]) =>
    finish('not-json', { ...t, credentials, headers: { 'content-type': type }, body, expected: { status: 400, errorCode: 'invalid_json' }, why: `the body is ${what}` }),
  );

/** JSON that is not an object: 400 invalid_json. */
const notObjectDefect = fc
  .tuple(
    bodyTarget,
    fc.oneof(fc.constantFrom<unknown>([], [{}], [1], 0, 1, -1.5, '', 'x', '{}', null, true, false), json.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))),
    fc.boolean(),
  )
  .map(([t, value, credentials]) =>
    finish(
      'not-object',
      { ...t, credentials, headers: { ...JSON_TYPE }, body: text(JSON.stringify(value)), expected: { status: 400, errorCode: 'invalid_json' }, why: 'the body is JSON but not an object' },
    ),
  );

/** One writable field with a value of the wrong type (or out of its range): 4xx. */
const wrongTypeDefect = fc
  .tuple(bodyTarget, fc.boolean())
  .chain(([t, credentials]) => {
    const rule = ruleOf(t.route);
    return fc
      .constantFrom(...Object.keys(rule.wrong))
      .chain((field) => rule.wrong[field]!.map((value) => [field, value] as const))
      .map(([field, value]) =>
        finish(
          'wrong-type',
          {
            ...t,
            credentials,
            headers: { ...JSON_TYPE },
            body: text(serialize(withField(rule.base, field, value))),
            expected: { status: '4xx' },
            why: `${field} must not be ${JSON.stringify(value)}`,
          },
        ),
      );
  });

/** Names no route of this API knows, and names an object inherits, which a lookup in a plain object finds. */
const INHERITED = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
const unknownName = (rule: BodyRule): fc.Arbitrary<string> => {
  const known = new Set([...Object.keys(rule.base), ...Object.keys(rule.wrong), ...Object.keys(rule.view)]);
  // A documented database field (`replication`) is taken by the database routes: never "unknown".
  return fc.oneof(
    fc.constantFrom(...INHERITED),
    fc.constantFrom('shards', 'rack_id_x', '', 'Addr', 'NAME', 'name ', 'uid2'),
    fc.string({ maxLength: 12 }),
  ).filter((n) => !known.has(n) && !isDatabaseSetting(n));
};

/** A field the route does not take, alone or beside a valid body: 400. */
const unknownFieldDefect = fc
  .tuple(bodyTarget, fc.boolean())
  .chain(([t, credentials]) => {
    const rule = ruleOf(t.route);
    return fc.tuple(unknownName(rule), fc.oneof(fc.constant({}), json)).map(([name, value]) =>
      finish(
        'unknown-field',
        {
          ...t,
          credentials,
          headers: { ...JSON_TYPE },
          body: text(serialize(withField(rule.base, name, value))),
          expected: { status: '4xx' },
          why: `${JSON.stringify(name)} is not a field of this request`,
        },
      ),
    );
  });

/** A read-only field of the resource, changed (to another JSON type, so never "sent back as read"): 400. */
const readOnlyDefect = fc
  .tuple(bodyTarget.filter((t) => Object.keys(ruleOf(t.route).view).length > 0), fc.boolean())
  .chain(([t, credentials]) => {
    const view = ruleOf(t.route).view;
    return fc
      .constantFrom(...Object.keys(view))
      .chain((field) => otherTypeThan(view[field]).map((value) => [field, value] as const))
      .map(([field, value]) =>
        finish(
          'read-only',
          {
            ...t,
            credentials,
            headers: { ...JSON_TYPE },
            body: text(serialize(withField(ruleOf(t.route).base, field, value))),
            expected: { status: '4xx' },
            why: `${field} is read-only and ${JSON.stringify(value)} is not its value`,
          },
        ),
      );
  });

/** `base` as JSON text with `key` set to the JSON text `raw` (too deep to build as a value and stringify). */
const withRawField = (base: Record<string, unknown>, key: string, raw: string): string => {
  const others = Object.entries(base)
    .filter(([k]) => k !== key)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
  return `{${[...others, `${JSON.stringify(key)}:${raw}`].join(',')}}`;
};

/**
 * A deeply nested value (arrays or objects) under a writable field (where no nested value is
 * valid), a read-only one or an unknown one, beside an otherwise valid body. Always under the
 * size limit, so only the nesting is in question: a server that recurses over it must not fall
 * over (a 2000-level value is 4-12 KB).
 */
const deepDefect = fc
  .tuple(
    bodyTarget,
    fc.constantFrom('arrays', 'objects'),
    fc.oneof(fc.integer({ min: 2, max: 100 }), fc.integer({ min: 100, max: 10_000 }), fc.constantFrom(5_000, 10_000)),
    fc.constantFrom('writable', 'view', 'unknown'),
    fc.nat(),
    fc.boolean(),
  )
  .map(([t, kind, depth, where, pick, credentials]) => {
    const rule = ruleOf(t.route);
    // The innermost array is not empty, so `[[…[1]…]]` is never read as an empty list.
    const nested = kind === 'arrays' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const fields = where === 'writable' ? Object.keys(rule.wrong) : where === 'view' ? Object.keys(rule.view) : [];
    const field = fields.length ? fields[pick % fields.length]! : 'deep';
    return finish('deep', {
      ...t,
      credentials,
      headers: { ...JSON_TYPE },
      body: text(withRawField(rule.base, field, nested)),
      expected: { status: '4xx' },
      why: `${depth} levels of ${kind} under ${field}`,
    });
  })
  .filter((r) => Buffer.byteLength(r.body!.data as string) <= LIMIT);

/** A body over 64 KiB, whatever it holds, declared or streamed: 413. */
const oversizedDefect = fc
  .tuple(bodyTarget, fc.integer({ min: LIMIT + 1, max: 3 * LIMIT }), fc.constantFrom('padded', 'big-field', 'multibyte', 'garbage'), fc.boolean(), fc.boolean())
  .map(([t, size, how, streamed, credentials]) => {
    const base = serialize(ruleOf(t.route).base);
    let data: string;
    switch (how) {
      // Valid JSON, valid fields: only the size is wrong.
      case 'padded':
        data = base + ' '.repeat(size - base.length);
        break;
      case 'big-field':
        data = serialize(withField(ruleOf(t.route).base, 'name', 'x'.repeat(size)));
        break;
      // Fewer characters than bytes: the limit is in bytes.
      case 'multibyte':
        data = serialize(withField(ruleOf(t.route).base, 'name', 'é'.repeat(Math.ceil(size / 2))));
        break;
      case 'garbage':
        data = '{'.repeat(size);
        break;
    }
    const payload: Payload = streamed ? { data: new TextEncoder().encode(data), streamed: true } : text(data);
    return finish(
      'oversized',
      {
        ...t,
        credentials,
        headers: { ...JSON_TYPE },
        body: payload,
        expected: { status: 413, errorCode: 'request_too_large' },
        why: `${Buffer.byteLength(data)} bytes (${how}${streamed ? ', streamed without Content-Length' : ''})`,
      },
    );
  });

const nodePut = ROUTES.find((r) => keyOf(r) === 'PUT /v1/nodes/:uid')!;
/**
 * `PUT /v1/nodes/{uid}` with a bad `addr` or `external_addr`, sometimes beside a valid change of
 * the other field (the request is all or nothing): 4xx.
 */
const addressDefect = fc
  .record({
    uid: fc.constantFrom('2', '2', '1', '3'),
    node2Down: fc.boolean(),
    field: fc.constantFrom('addr', 'external_addr'),
    companion: fc.boolean(),
    credentials: fc.boolean(),
    query: maybeDryRun,
  })
  .chain((c) => (c.field === 'addr' ? badAddr : badAddrList).map((value) => ({ ...c, value })))
  .map(({ uid, node2Down, field, companion, credentials, query, value }) => {
    let body = own([field, value]);
    if (companion) body = field === 'addr' ? withField(body, 'external_addr', [FREE_EXTERNAL[0]]) : withField(own(['addr', '10.0.0.9']), field, value);
    return finish(
      'address',
      {
        route: nodePut,
        uid,
        node2Down,
        query,
        credentials,
        headers: { ...JSON_TYPE },
        body: text(serialize(body)),
        expected: { status: '4xx' },
        why: `${field} ${JSON.stringify(value)} is not a valid ${field === 'addr' ? 'internal address of this IPv4 cluster' : 'list of distinct addresses'}`,
      },
    );
  });

/** Requests that are wrong in one way each, over every documented route. */
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
