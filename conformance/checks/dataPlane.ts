import type { Redis } from 'ioredis';
import { Mismatch } from '../mismatch.ts';
import { pollUntil } from '../poll.ts';
import type { Target } from '../../api/target.ts';
import type { Check } from './check.ts';
import { proxyRestartRecheck } from './proxyRestarts.ts';
import { client, connected, ended, QUIET_MS, sleep, WAIT_MS } from './redisClient.ts';

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, reqs: string[]): Promise<T> {
  const r = await pollUntil(read, done, { timeoutMs: WAIT_MS });
  if (!r.done) throw new Mismatch(what, `within ${WAIT_MS} ms`, r.value, reqs);
  return r.value;
}

/**
 * Through real Redis clients on the databases' endpoints: changing a database's data internode
 * encryption restarts its proxy (its clients are disconnected, its data stays); setting the value
 * it already has, changing the cluster policy, or changing another database disconnects no one.
 */
export const dataPlane: Check = {
  name: 'data-plane',
  title: 'Data plane: proxy restarts on an encryption change, and only then',
  needs: ['reset', 'data-plane'],
  reqs: ['ENC-DATA-002', 'ENC-DATA-003', 'ENC-DATA-005', 'ENC-DATA-007'],
  // Inside the sequences: clients kept across every change the model says restarts no proxy, and
  // dropped where it says one restarted.
  recheck: proxyRestartRecheck,
  async run(target: Target): Promise<void> {
    await target.control!('POST', '/reset', {});
    const create = async (name: string) => {
      const a = await target.api('POST', '/v1/bdbs', { name, memory_size: 104_857_600, data_internode_encryption: false });
      if (a.status >= 300) throw new Mismatch(`POST /v1/bdbs ${name}`, 'accepted', a, ['ENC-DATA-002']);
      return String(a.body.uid);
    };
    const active = (uid: string, reqs: string[]) =>
      until(() => target.api('GET', `/v1/bdbs/${uid}`), (a) => a.body?.status === 'active', `database ${uid} active`, reqs);
    const [toggled, other] = [await create('dp-toggled'), await create('dp-other')];
    await active(toggled, ['ENC-DATA-002']);
    await active(other, ['ENC-DATA-002']);
    const connect = async (uid: string) => {
      const at = await target.control!('GET', `/bdbs/${uid}/endpoint`);
      if (at.status !== 200) throw new Mismatch(`database ${uid}: where its endpoint is`, 200, at, ['ENC-DATA-003']);
      return client(at.body.host, at.body.port);
    };
    const opened: Redis[] = [];
    const open = async (uid: string) => {
      const c = await connect(uid);
      opened.push(c);
      return c;
    };
    try {
      const clients = [await open(toggled), await open(toggled)];
      const bystander = await open(other);
      await clients[0]!.set('conformance', 'kept');
      const stillConnected = async (label: string, reqs: string[]) => {
        await sleep(QUIET_MS);
        for (const c of [...clients, bystander]) {
          if (!connected(c) || (await c.ping().catch(() => 'dropped')) !== 'PONG') throw new Mismatch(label, 'every client still connected', 'a client was disconnected', reqs);
        }
      };

      const same = await target.api('PUT', `/v1/bdbs/${toggled}`, { data_internode_encryption: false });
      if (same.status >= 300) throw new Mismatch('PUT the value the database already has', 'accepted', same, ['ENC-DATA-007']);
      await active(toggled, ['ENC-DATA-007']);
      await stillConnected('after setting the encryption the database already has', ['ENC-DATA-007']);

      const policy = await target.api('PUT', '/v1/cluster/policy', { data_internode_encryption: true });
      if (policy.status >= 300) throw new Mismatch('PUT /v1/cluster/policy', 'accepted', policy, ['ENC-DATA-005']);
      await stillConnected('after changing the cluster policy', ['ENC-DATA-005']);

      const change = await target.api('PUT', `/v1/bdbs/${toggled}`, { data_internode_encryption: true });
      if (change.status >= 300) throw new Mismatch('PUT data_internode_encryption true', 'accepted', change, ['ENC-DATA-002']);
      await active(toggled, ['ENC-DATA-002']);
      for (const c of clients) {
        if (connected(c)) await ended(c);
        if (connected(c)) throw new Mismatch(`database ${toggled}'s clients after its encryption changed`, 'disconnected (the proxy restarted)', 'still connected', ['ENC-DATA-003']);
      }
      if (!connected(bystander) || (await bystander.ping().catch(() => 'dropped')) !== 'PONG') {
        throw new Mismatch(`database ${other}'s client after another database's encryption changed`, 'still connected', 'disconnected', ['ENC-DATA-003']);
      }
      const again = await open(toggled);
      const value = await again.get('conformance').finally(() => again.disconnect());
      if (value !== 'kept') throw new Mismatch(`database ${toggled}'s data after the proxy restarted`, 'kept', value, ['ENC-DATA-003']);
      const read = await target.api('GET', `/v1/bdbs/${toggled}`);
      if (read.body?.data_internode_encryption !== true) throw new Mismatch(`GET /v1/bdbs/${toggled}`, { data_internode_encryption: true }, read.body, ['ENC-DATA-002']);
    } finally {
      for (const c of opened) c.disconnect();
    }
  },
};
