import { describe, expect, it } from 'vitest';
import { createMockCluster } from '../../mock/index.ts';
import { createDispatcher } from '../../mock/api/handlers.ts';
import { answerOf, serialOrder, type Exchange } from './serialOrder.ts';

const NOW = Date.UTC(2026, 0, 1);
const create = (name: string) => ({ via: 'api', method: 'POST', path: '/v1/bdbs', body: { name, memory_size: 1, port: 19_001 } });

/** A cluster, and what the two requests get when sent to it one after the other. */
async function observe(order: readonly string[]) {
  const { cluster } = createMockCluster({ settleMs: 600_000, now: () => NOW });
  const base = cluster.state;
  const at = cluster.store.position;
  const dispatch = createDispatcher(cluster);
  const answers: Record<string, string> = {};
  for (const name of order) {
    const r = await dispatch(new Request('https://c.test/v1/bdbs', { method: 'POST', body: JSON.stringify(create(name).body), headers: { 'content-type': 'application/json' } }));
    answers[name] = answerOf(r.status, await r.text());
  }
  cluster.close();
  return { base, at, observed: cluster.state, answers };
}

describe('the serial-order check', () => {
  it('finds the order that explains what was observed, even when it is not the order the requests are listed in', async () => {
    const { base, at, observed, answers } = await observe(['b', 'a']);
    const exchanges: Exchange[] = ['a', 'b'].map((n) => ({ ...create(n), answer: answers[n]! }));
    expect(exchanges.map((x) => x.answer.split(' ')[0])).toEqual(['406', '200']);
    expect(await serialOrder(base, at, [], exchanges, observed, NOW)).toEqual([1, 0]);
  });

  it('finds none when both creations got the same explicit port', async () => {
    const { base, at, observed, answers } = await observe(['a', 'b']);
    const accepted = answers.a!;
    const exchanges: Exchange[] = [
      { ...create('a'), answer: accepted },
      { ...create('b'), answer: accepted.replace('"name":"a"', '"name":"b"').replace('"uid":1', '"uid":2') },
    ];
    expect(await serialOrder(base, at, [], exchanges, observed, NOW)).toBeNull();
  });

  it('finds none when the answers fit an order but the state does not', async () => {
    const { base, at, answers } = await observe(['a', 'b']);
    const exchanges: Exchange[] = ['a', 'b'].map((n) => ({ ...create(n), answer: answers[n]! }));
    expect(await serialOrder(base, at, [], exchanges, base, NOW)).toBeNull();
  });
});
