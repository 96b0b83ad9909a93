/**
 * Bad input (API-ERR-001, API-ERR-002): whatever a client gets wrong — the JSON, the types, the
 * uids, the fields, the size, the addresses, the content type, the credentials — the answer is a
 * 4xx in the real API's error shape and the event log does not move.
 *
 * The property sends one generated request per run (see ./testing/malformed/ for what is
 * generated and why each one is definitely invalid) to a fresh mock cluster, through msw, as a
 * client would. The tables below it pin each address form, and the smallest requests the
 * property found answered wrongly, so that each is reported on its own.
 */
import fc from 'fast-check';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { createMockCluster } from '../index.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import {
  BASE_URL,
  badRequest,
  CREDENTIALS,
  DEFECTS,
  DUPLICATE_LISTS,
  GOOD_AUTH,
  MALFORMED_ADDRESSES,
  routesWithoutBodyRule,
  WRONG_FAMILY_ADDRESSES,
  type BadRequest,
  type Defect,
  type Expected,
  type Fixture,
  type Payload,
} from './testing/malformed/index.ts';

const server = setupServer();
// Every answer is also checked against spec/openapi.yaml: the status must be documented for the
// operation and the body must be the documented Error schema.
const conforms = responseValidator();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/**
 * A fresh cluster for one request: 3 nodes on 10.0.0.1-3 (IPv4), a spare host, database 1
 * created and settled (so `/v1/bdbs/1` reaches the body checks rather than 409 busy), and
 * optionally node 2 down. Completions are set far in the future so that nothing the cluster
 * does on its own can move the log while a request is under test.
 */
function startCluster(f: Fixture): MockCluster {
  const mock = createMockCluster({ settleMs: 600_000, ...(f.credentials ? { credentials: CREDENTIALS } : {}) });
  const { cluster } = mock;
  const created = cluster.execute({ type: 'CreateDatabase', data: { name: 'db1', memorySize: 1 } });
  if (!created.ok) throw new Error(`fixture: ${created.rejection.description}`);
  cluster.settle();
  if (f.node2Down) {
    const off = cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    if (!off.ok) throw new Error(`fixture: ${off.rejection.description}`);
  }
  server.resetHandlers(...mock.handlers);
  return cluster;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** A body as a stream of 16 KiB chunks: fetch then sends no Content-Length, so only counting while reading can enforce the limit. */
const streamOf = (bytes: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.byteLength; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
      controller.close();
    },
  });

async function send(method: string, target: string, headers: Record<string, string>, body: Payload | undefined): Promise<Answer> {
  const init: RequestInit = { method, headers };
  if (body?.streamed) {
    init.body = streamOf(typeof body.data === 'string' ? new TextEncoder().encode(body.data) : body.data);
    init.duplex = 'half';
  } else if (body) {
    // A string is sent as a string (fetch declares its length); bytes as bytes (fetch adds no content type).
    init.body = body.data;
  }
  const res = await fetch(`${BASE_URL}${target}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Sends a generated request, with the right credentials unless they are its defect. */
function sendBad(req: BadRequest): Promise<Answer> {
  const headers = { ...req.headers };
  if (req.fixture.credentials && req.defect !== 'auth') headers.authorization = GOOD_AUTH;
  return send(req.method, req.target, headers, req.body);
}

/** The refusal must be a 4xx, in the error shape, documented for the operation. */
function expectRefusal(method: string, target: string, answer: Answer, expected: Expected, what: string): void {
  const where = `${what}\n→ ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, `never a 5xx, never a 2xx: ${where}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `never a 5xx, never a 2xx: ${where}`).toBeLessThan(500);
  if (expected.status !== '4xx') expect(answer.status, where).toBe(expected.status);
  expect(answer.headers.get('content-type'), where).toMatch(/^application\/json\b/);
  const body: unknown = JSON.parse(answer.text);
  // Exactly the two fields of the real API's error body, nothing more.
  expect(body, where).toStrictEqual({ error_code: expect.stringMatching(/^[a-z_]+$/), description: expect.any(String) });
  if (expected.errorCode) expect((body as { error_code: string }).error_code, where).toBe(expected.errorCode);
  if (answer.status === 401) expect(answer.headers.get('www-authenticate'), where).toMatch(/^Basic /);
  expect(conforms(method, new URL(`${BASE_URL}${target}`).pathname, answer.status, answer.text), where).toEqual([]);
}

describe('bad input', () => {
  it('has a body rule for every documented route that takes a body', () => {
    // A new PUT or POST route must get its rule in malformed.ts, or the property would not cover its body.
    expect(routesWithoutBodyRule()).toEqual([]);
  });

  it('[API-ERR-001] [API-ERR-002] random malformed requests get a 4xx in the API error shape and append nothing', async () => {
    const seen = new Map<Defect, number>();
    await fc.assert(
      fc.asyncProperty(badRequest, async (req) => {
        const cluster = startCluster(req.fixture);
        try {
          const position = cluster.store.position;
          const state = cluster.state;
          const answer = await sendBad(req);
          expectRefusal(req.method, req.target, answer, req.expected, fc.stringify(req));
          // Nothing recorded, and not even a new state object: a refusal decides nothing.
          expect(cluster.store.position, 'the event log moved').toBe(position);
          expect(cluster.state, 'the state changed').toBe(state);
          seen.set(req.defect, (seen.get(req.defect) ?? 0) + 1);
        } finally {
          cluster.close();
        }
      }),
      { numRuns: 300 },
    );
    // Every kind of defect was tried (each is about 1/14 of the runs, so 300 runs cover them all).
    expect([...seen.keys()].sort()).toEqual([...DEFECTS].sort());
  });
});

describe('invalid addresses on PUT /v1/nodes/{uid} of a down node', () => {
  // Node 2 is down, so a well-formed free addr would be accepted (the first test shows it): a
  // refusal below is the address rule's, not the offline rule's (406 node_not_offline).
  let cluster: MockCluster;
  beforeEach(() => {
    cluster = startCluster({ credentials: false, node2Down: true });
  });
  afterEach(() => cluster.close());

  async function put(body: unknown): Promise<Answer> {
    return send('PUT', '/v1/nodes/2', { 'content-type': 'application/json' }, { data: JSON.stringify(body), streamed: false });
  }

  async function expectRefused(body: unknown, expected: Expected) {
    const position = cluster.store.position;
    const state = cluster.state;
    expectRefusal('PUT', '/v1/nodes/2', await put(body), expected, `PUT /v1/nodes/2 ${JSON.stringify(body)}`);
    expect(cluster.store.position).toBe(position);
    expect(cluster.state).toBe(state);
    expect(cluster.state.nodes['2']).toMatchObject({ addr: '10.0.0.2', externalAddrs: [], status: 'down' });
  }

  it('[NODE-ADDR-007] [NODE-ADDR-015] [NODE-ADDR-005] a well-formed free address is accepted on the down node', async () => {
    const answer = await put({ addr: '10.0.0.9', external_addr: ['203.0.113.9'] });
    expect(answer.status, answer.text).toBe(200);
    expect(cluster.state.nodes['2']).toMatchObject({ addr: '10.0.0.9', externalAddrs: ['203.0.113.9'] });
  });

  // Loops rather than it.each, so that titles show each value in full.
  for (const [label, value] of MALFORMED_ADDRESSES) {
    it(`[NODE-ADDR-007] [NODE-ADDR-015] addr ${JSON.stringify(value)} (${label}) → 400 invalid_address, nothing appended`, async () => {
      await expectRefused({ addr: value }, { status: 400, errorCode: 'invalid_address' });
    });
  }

  for (const value of WRONG_FAMILY_ADDRESSES) {
    it(`[NODE-ADDR-007] [NODE-ADDR-015] [NODE-ADDR-003] addr ${value}, IPv6 on this IPv4 cluster → 400 address_family_mismatch, nothing appended`, async () => {
      await expectRefused({ addr: value }, { status: 400, errorCode: 'address_family_mismatch' });
    });
  }

  // external_addr takes either family, so every malformed form, but not the IPv6 ones above.
  for (const [label, value] of MALFORMED_ADDRESSES) {
    it(`[NODE-ADDR-007] [NODE-ADDR-015] external_addr holding ${JSON.stringify(value)} (${label}) → 400 invalid_parameter, nothing appended`, async () => {
      await expectRefused({ external_addr: ['203.0.113.9', value] }, { status: 400, errorCode: 'invalid_parameter' });
    });
  }

  for (const list of DUPLICATE_LISTS) {
    it(`[NODE-ADDR-007] [NODE-ADDR-015] external_addr ${JSON.stringify(list)}, one address twice → 400 invalid_parameter, nothing appended`, async () => {
      await expectRefused({ external_addr: list }, { status: 400, errorCode: 'invalid_parameter' });
    });
  }

  it('[NODE-ADDR-007] [NODE-ADDR-015] a valid addr beside an invalid external_addr changes neither (all or nothing)', async () => {
    await expectRefused({ addr: '10.0.0.9', external_addr: ['010.0.0.9'] }, { status: 400, errorCode: 'invalid_parameter' });
  });
});

/** `levels` nested arrays around 1, as JSON text. */
const nestedArrays = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

/**
 * The smallest requests the property found answered wrongly, one test each, so each is reported
 * on its own and stays fixed. Each asserts the correct behaviour: a 4xx in the error shape, and
 * nothing appended.
 */
const REPRODUCTIONS: readonly { title: string; fixture?: Partial<Fixture>; method: string; target: string; body: string }[] = [
  // An object whose own `toString` is not a function cannot be turned into a string: `String(x)` throws.
  { title: 'an object with its own toString as addr', method: 'PUT', target: '/v1/nodes/2', body: '{"addr": {"toString": 1}}', fixture: { node2Down: true } },
  { title: 'an object with its own toString in external_addr', method: 'PUT', target: '/v1/nodes/1', body: '{"external_addr": [{"toString": 1}]}' },
  { title: 'an object with its own toString as a new database name', method: 'POST', target: '/v1/bdbs', body: '{"name": {"toString": 1}, "memory_size": 1}' },
  { title: 'an object with its own toString as a database name change', method: 'PUT', target: '/v1/bdbs/1', body: '{"name": {"toString": 1}}' },
  // Found by the 100,000-request run of reliability/fuzz.test.ts: the uid of a new database was turned into a string before it was checked.
  { title: 'an object with its own toString as the uid of a new database', method: 'POST', target: '/v1/bdbs', body: '{"name": "db2", "memory_size": 1, "uid": {"toString": 1}}' },
  // Deeply nested values (40 KB, under the 64 KiB limit) overflow the stack of a recursive String() / JSON.stringify.
  { title: '20000 nested arrays as addr', method: 'PUT', target: '/v1/nodes/2', body: `{"addr": ${nestedArrays(20_000)}}`, fixture: { node2Down: true } },
  { title: '20000 nested arrays in external_addr', method: 'PUT', target: '/v1/nodes/1', body: `{"external_addr": ${nestedArrays(20_000)}}` },
  { title: '20000 nested arrays as the read-only uid of a node', method: 'PUT', target: '/v1/nodes/1', body: `{"uid": ${nestedArrays(20_000)}}` },
  { title: '20000 nested arrays as cm_port', method: 'PUT', target: '/v1/cluster', body: `{"cm_port": ${nestedArrays(20_000)}}` },
  { title: '20000 nested arrays as the read-only endpoints of a database', method: 'PUT', target: '/v1/bdbs/1', body: `{"endpoints": ${nestedArrays(20_000)}}` },
  { title: '20000 nested arrays as a new database name', method: 'POST', target: '/v1/bdbs', body: `{"name": ${nestedArrays(20_000)}, "memory_size": 1}` },
  { title: '20000 nested arrays as the certificate to rotate', method: 'POST', target: '/v1/cluster/certificates/rotate', body: `{"name": ${nestedArrays(20_000)}}` },
  // wait_for_persistence is documented as a boolean, but its type is never checked: the removal starts.
  { title: 'a string as wait_for_persistence', method: 'POST', target: '/v1/nodes/3/actions/remove', body: '{"wait_for_persistence": "yes"}' },
  // `key in current` finds inherited properties: "__proto__": {} reads as Object.prototype "sent back unchanged".
  { title: 'an unknown __proto__ field beside a valid new database', method: 'POST', target: '/v1/bdbs', body: '{"__proto__": {}, "name": "db2", "memory_size": 1}' },
  { title: 'an unknown __proto__ field on a node', method: 'PUT', target: '/v1/nodes/1', body: '{"__proto__": {}}' },
  { title: 'an unknown __proto__ field on the policy', method: 'PUT', target: '/v1/cluster/policy', body: '{"__proto__": {}}' },
  { title: 'an unknown __proto__ field in a rotation request', method: 'POST', target: '/v1/cluster/certificates/rotate', body: '{"__proto__": {}}' },
  { title: 'an unknown __proto__ field in a removal request', method: 'POST', target: '/v1/nodes/3/actions/remove', body: '{"__proto__": {}}' },
  { title: 'an unknown __proto__ field on a database', method: 'PUT', target: '/v1/bdbs/1', body: '{"__proto__": {}}' },
  { title: 'an unknown __proto__ field on the cluster', method: 'PUT', target: '/v1/cluster', body: '{"__proto__": {}}' },
  // alert_settings: an array passes for an object, and alert names are looked up in a plain object (inherited names found).
  { title: 'alert_settings as an array', method: 'PUT', target: '/v1/cluster', body: '{"alert_settings": []}' },
  { title: 'an alert named toString', method: 'PUT', target: '/v1/cluster', body: '{"alert_settings": {"toString": {}}}' },
  { title: 'an alert named __proto__', method: 'PUT', target: '/v1/cluster', body: '{"alert_settings": {"__proto__": {}}}' },
  { title: 'an alert named constructor', method: 'PUT', target: '/v1/cluster', body: '{"alert_settings": {"constructor": {"enabled": true}}}' },
  { title: 'an alert setting as an array', method: 'PUT', target: '/v1/cluster', body: '{"alert_settings": {"node_internal_certs_about_to_expire": []}}' },
  // Leading zeros in the dotted quad of an IPv6 address (glibc inet_pton refuses them; some parsers read octal).
  { title: 'an IPv6 external address with leading zeros in its dotted quad', method: 'PUT', target: '/v1/nodes/1', body: '{"external_addr": ["2001:db8::010.0.0.1"]}' },
];

describe('malformed requests the property found answered wrongly', () => {
  for (const { title, fixture, method, target, body } of REPRODUCTIONS) {
    it(`[API-ERR-001] [API-ERR-002] ${method} ${target} with ${title} → 4xx, nothing appended`, async () => {
      const cluster = startCluster({ credentials: false, node2Down: false, ...fixture });
      try {
        const position = cluster.store.position;
        const state = cluster.state;
        const answer = await send(method, target, { 'content-type': 'application/json' }, { data: body, streamed: false });
        expectRefusal(method, target, answer, { status: '4xx' }, `${method} ${target} ${body.slice(0, 80)}`);
        expect(cluster.store.position).toBe(position);
        expect(cluster.state).toBe(state);
      } finally {
        cluster.close();
      }
    });
  }
});
