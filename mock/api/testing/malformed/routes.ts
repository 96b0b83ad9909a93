import fc from 'fast-check';
import { ROUTES } from '../../handlers.ts';
import type { Route } from '../../route.ts';
import { badAddr, badAddrList } from './addresses.ts';
import { arrays, json, nonIntegers, notBoolean, notInteger, notString, numbers, objects, own } from './values.ts';

/** Routes: what a valid request to each looks like, and what is wrong for each field. */
export interface BodyRule {
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
      // Not 0: at creation it asks for no port (spec/semantics.md, "Port 0").
      port: fc.oneof(notInteger, fc.constantFrom(-1, 65536, 70000)),
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
      // Not an integer: 400 invalid_port, as at creation (a changed port in range is 406; 0 is "unchanged" for an assigned port).
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

export const keyOf = (r: Route) => `${r.method} ${r.path}`;
const hasUid = (r: Route) => r.path.includes(':uid');
export const isNodeRoute = (r: Route) => r.path.startsWith('/v1/nodes');
export const bodyRoutes = ROUTES.filter((r) => BODY_RULES[keyOf(r)] !== undefined);
export const uidRoutes = ROUTES.filter(hasUid);
export const ruleOf = (r: Route): BodyRule => BODY_RULES[keyOf(r)]!;

/** Route keys that take a body but have no rule here: must be empty (checked by the test). */
export const routesWithoutBodyRule = (): string[] => ROUTES.filter((r) => (r.method === 'PUT' || r.method === 'POST') && !BODY_RULES[keyOf(r)]).map(keyOf);

/** Fills `:uid` (percent-encoded, so a uid is always one path segment) and `:action`. */
export const pathOf = (r: Route, uid: string, action = 'remove') =>
  r.path.replace(':uid', encodeURIComponent(uid)).replace(':action', encodeURIComponent(action));

/** A uid that names the fixture's entity: a node (1-3) or database 1. */
export const validUid = (r: Route): fc.Arbitrary<string> => (isNodeRoute(r) ? fc.constantFrom('1', '2', '3') : fc.constant('1'));

/**
 * Uids that name nothing: well-formed but unknown, or not a uid at all. Never '', '.', '..'
 * (the URL would name another path) nor `actions` / `alerts` (literal routes under /v1/nodes).
 */
export const badUid = (r: Route): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(isNodeRoute(r) ? '4' : '2', '42', '999999999', '9999999999'),
    fc.constantFrom('abc', '-1', '0', '1.5', '01', '1e3', '0x1', '+1', '1 ', ' 1', '１', '%31', '1;2', 'null'),
    fc.integer({ min: 11, max: 40 }).map((n) => '1'.repeat(n)),
    fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/^[1-9][0-9]{0,9}$/.test(s) && !['.', '..', 'actions', 'alerts'].includes(s)),
  );

/** `?dry_run=1` now and then: a refusal must not depend on it. */
export const maybeDryRun = fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('?dry_run=1') });

export const JSON_TYPE = { 'content-type': 'application/json' } as const;
export const jsonTypes = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');
