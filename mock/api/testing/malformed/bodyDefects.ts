import fc from 'fast-check';
import { isDatabaseSetting } from '../../../../domain/rules/databaseSettings.ts';
import { ROUTES } from '../../handlers.ts';
import { FREE_EXTERNAL, badAddr, badAddrList } from './addresses.ts';
import { bodyTarget, finish, serialize, text } from './draft.ts';
import { LIMIT, type Payload } from './requests.ts';
import { JSON_TYPE, jsonTypes, keyOf, maybeDryRun, ruleOf, type BodyRule } from './routes.ts';
import { json, otherTypeThan, own, withField } from './values.ts';

/** Defects of the body: not JSON, not an object, wrong types, unknown and read-only fields, depth, size, addresses. */
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
export const notJsonDefect = fc
  .tuple(bodyTarget, notJsonPayload, jsonTypes, fc.boolean())
  .map(([t, [body, what], type, credentials]) =>
    finish('not-json', { ...t, credentials, headers: { 'content-type': type }, body, expected: { status: 400, errorCode: 'invalid_json' }, why: `the body is ${what}` }),
  );

/** JSON that is not an object: 400 invalid_json. */
export const notObjectDefect = fc
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
export const wrongTypeDefect = fc
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
export const unknownFieldDefect = fc
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
export const readOnlyDefect = fc
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
export const deepDefect = fc
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
export const oversizedDefect = fc
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
export const addressDefect = fc
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
