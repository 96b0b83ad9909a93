import { describe, expect, it } from 'vitest';
import { contains, describeAnswer, meets } from './reproducerRuntime.ts';

const reply = (status: number, body?: unknown) => ({ status, text: body === undefined ? '' : JSON.stringify(body) });

describe('judging a replayed answer', () => {
  it('reads an answer as the suite records it', () => {
    expect(describeAnswer(reply(200, { uid: 1 }))).toBe('200');
    expect(describeAnswer(reply(406, { error_code: 'node_not_offline' }))).toBe('406 node_not_offline');
    expect(describeAnswer({ status: 502, text: '<html>' })).toBe('502');
  });

  it('accepts a 2xx where the specification accepts, and only the predicted refusal where it refuses', () => {
    expect(meets('accepted (2xx)', reply(204))).toBe(true);
    expect(meets('accepted (2xx)', reply(400, { error_code: 'invalid_parameter' }))).toBe(false);
    expect(meets('406 node_not_offline', reply(406, { error_code: 'node_not_offline' }))).toBe(true);
    expect(meets('406 node_not_offline', reply(406, { error_code: 'other' }))).toBe(false);
    expect(meets('406 node_not_offline', reply(400, { error_code: 'node_not_offline' }))).toBe(false);
    expect(meets('406 node_not_offline', { status: 406, text: 'not json' })).toBe(false);
  });

  it('finds the facts of a state read in the answer, in any list order', () => {
    const nodes = [
      { uid: 2, addr: '10.0.0.2', external_addr: ['b', 'a'], status: 'active', uptime: 5 },
      { uid: 1, addr: '10.0.0.1', external_addr: [], status: 'active', uptime: 9 },
    ];
    const expected = [
      { uid: 1, addr: '10.0.0.1', external_addr: [], status: 'active' },
      { uid: 2, addr: '10.0.0.2', external_addr: ['a', 'b'], status: 'active' },
    ];
    expect(meets(JSON.stringify(expected), reply(200, nodes))).toBe(true);
    expect(meets(JSON.stringify(expected), reply(200, nodes.slice(0, 1)))).toBe(false);
    expect(meets(JSON.stringify([{ ...expected[0], status: 'down' }, expected[1]]), reply(200, nodes))).toBe(false);
    expect(meets(JSON.stringify(expected), reply(500, nodes))).toBe(false);
    // One database's facts anywhere in the list; a count as the list's length.
    expect(contains([{ name: 'a', port: 1 }, { name: 'db', port: 12000, uid: 3 }], { name: 'db', port: 12000 })).toBe(true);
    expect(contains([{ name: 'a' }], { name: 'db' })).toBe(false);
    expect(contains([1, 2], 2)).toBe(true);
    expect(contains([1, 2, 3], 2)).toBe(false);
    expect(contains({ a: null }, { a: null })).toBe(true);
    expect(contains(null, { a: 1 })).toBe(false);
  });
});
