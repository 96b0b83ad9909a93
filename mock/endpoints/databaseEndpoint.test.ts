import net from 'node:net';
import tls from 'node:tls';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseEndpoint, type DatabaseEndpointOptions } from './databaseEndpoint.ts';
import { redisClient, within } from './testing.ts';

const endpoints: DatabaseEndpoint[] = [];
const clients: Redis[] = [];

async function endpoint(options?: DatabaseEndpointOptions): Promise<{ ep: DatabaseEndpoint; port: number }> {
  const ep = new DatabaseEndpoint(options);
  endpoints.push(ep);
  return { ep, port: await ep.listen(0) };
}

async function client(port: number, options?: Parameters<typeof redisClient>[1]): Promise<Redis> {
  const c = await redisClient(port, options);
  clients.push(c);
  return c;
}

/** Resolves when the client has seen its connection go away ('close'), whatever it does next. */
const disconnected = (c: Redis) => new Promise<void>((resolve) => c.once('close', () => resolve()));

afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await Promise.all(endpoints.splice(0).map((ep) => ep.close()));
  vi.restoreAllMocks();
});

describe('the database endpoint with a standard client (ioredis)', { timeout: 15_000 }, () => {
  it('answers PING, ECHO, SET, GET and DEL, binary-safe', async () => {
    const { ep, port } = await endpoint();
    const c = await client(port);
    const value = Buffer.from([0, 255, 13, 10, 42, 36, 0xc3, 0x28]);
    expect(await c.ping()).toBe('PONG');
    expect(await c.ping('hello')).toBe('hello');
    expect(await c.echo('a b\r\nc')).toBe('a b\r\nc');
    expect(await c.set(Buffer.from([1, 0xff]), value)).toBe('OK');
    expect(await c.getBuffer(Buffer.from([1, 0xff]))).toEqual(value);
    expect(ep.data.get('\x01\xff')).toEqual(value);
    expect(await c.get('missing')).toBeNull();
    await c.set('other', '');
    expect(await c.get('other')).toBe('');
    expect(await c.del(Buffer.from([1, 0xff]), 'other', 'missing')).toBe(2);
    expect(ep.data.size).toBe(0);
  });

  it('reads what was put in its data store directly, and large values round-trip', async () => {
    const { ep, port } = await endpoint();
    ep.data.set('seeded', Buffer.from('by the mock'));
    const c = await client(port);
    expect(await c.get('seeded')).toBe('by the mock');
    const big = Buffer.alloc(512 * 1024, 0xab);
    await c.set('big', big);
    // Buffer.equals, not toEqual: vitest's deep equality walks 512 Ki elements one by one (over a second).
    expect((await c.getBuffer('big'))?.equals(big)).toBe(true);
  });

  it('refuses what it does not implement with errors, and the connection goes on', async () => {
    const { port } = await endpoint();
    const c = await client(port);
    await expect(c.call('FLUSHALL')).rejects.toThrow("ERR unknown command 'FLUSHALL'");
    await expect(c.set('k', 'v', 'EX', 10)).rejects.toThrow('ERR syntax error');
    await expect(c.call('GET')).rejects.toThrow("ERR wrong number of arguments for 'get' command");
    await expect(c.select(1)).rejects.toThrow('ERR DB index is out of range');
    expect(await c.call('pInG')).toBe('PONG');
  });

  it('gets the handshake ioredis sends: HELLO 3 refused, RESP2 fallback, client info, INFO ready check', async () => {
    const seen: string[] = [];
    const { port } = await endpoint({ onCommand: (args) => seen.push(args.map((a) => a.toString('latin1')).join(' ')) });
    const c = await client(port, { connectionName: 'conformance' });
    expect(c.status).toBe('ready');
    expect(seen[0]).toBe('hello 3');
    // ioredis sends its setup commands alongside HELLO 3 and sends them all again after falling back.
    expect(seen.filter((s) => s === 'client setname conformance')).toHaveLength(2);
    expect(seen).toContain('client SETINFO LIB-NAME ioredis');
    expect(seen.at(-1)).toBe('info');
    expect(await c.client('GETNAME')).toBe('conformance');
  });

  it('the client reaches the endpoint and nothing else', async () => {
    const plain = vi.spyOn(net, 'createConnection');
    const secure = vi.spyOn(tls, 'connect');
    const { port } = await endpoint();
    const c = await client(port);
    await c.ping();
    expect(secure).not.toHaveBeenCalled();
    expect(plain.mock.calls.map(([o]) => o)).toEqual([expect.objectContaining({ host: '127.0.0.1', port })]);
  });
});

describe('proxy restart', { timeout: 15_000 }, () => {
  it('[ENC-DATA-003] a proxy restart disconnects every client and keeps the data', async () => {
    const { ep, port } = await endpoint();
    const cs = await Promise.all([1, 2, 3, 4].map(() => client(port)));
    const value = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    await cs[0]!.set('written-before', value);
    expect(ep.connections).toBe(4);

    const gone = cs.map(disconnected);
    const ended = cs.map((c) => new Promise<void>((resolve) => c.once('end', () => resolve())));
    await within(3000, 'the restart', ep.restartProxy());
    await within(3000, "every client's close and end events", Promise.all([...gone, ...ended]));

    expect(ep.connections).toBe(0);
    for (const c of cs) {
      expect(c.status).toBe('end');
      await expect(c.ping()).rejects.toThrow(/closed/i);
    }
    const after = await client(port);
    expect(await after.getBuffer('written-before')).toEqual(value);
    expect(ep.connections).toBe(1);
  });

  it('[ENC-DATA-003] a client with auto-reconnect on comes back to the same data', async () => {
    const { ep, port } = await endpoint();
    const c = await client(port, { retryStrategy: () => 20, enableOfflineQueue: true, maxRetriesPerRequest: 5 });
    await c.set('k', 'v1');
    const reconnected = new Promise<void>((resolve) => c.once('reconnecting', () => c.once('ready', () => resolve())));
    await ep.restartProxy();
    await within(3000, 'the client to reconnect', reconnected);
    expect(await c.get('k')).toBe('v1');
    expect(ep.connections).toBe(1);
  });

  it("[ENC-DATA-003] restarting one database's proxy leaves another database's clients connected", async () => {
    const a = await endpoint();
    const b = await endpoint();
    const ca = await client(a.port);
    const cb = await client(b.port);
    await cb.set('k', 'b');
    const aGone = disconnected(ca);
    await a.ep.restartProxy();
    await within(3000, 'the restarted database client to disconnect', aGone);
    expect(cb.status).toBe('ready');
    expect(await cb.get('k')).toBe('b');
    expect(b.ep.connections).toBe(1);
  });

  it('the listener keeps its port across restarts, and a restart with no clients is harmless', async () => {
    const { ep, port } = await endpoint();
    for (let i = 0; i < 3; i++) {
      const c = await client(port);
      await c.set(`k${i}`, String(i));
      await ep.restartProxy();
      expect(ep.port).toBe(port);
    }
    await ep.restartProxy();
    const c = await client(port);
    expect(await c.get('k0')).toBe('0');
    expect(await c.get('k2')).toBe('2');
  });
});

describe('listener lifecycle', { timeout: 15_000 }, () => {
  it('holds its port while up, and close() disconnects clients and frees the port', async () => {
    const { ep, port } = await endpoint();
    const c = await client(port);
    const other = new DatabaseEndpoint();
    await expect(other.listen(port)).rejects.toThrow(/EADDRINUSE/);
    await expect(ep.listen(0)).rejects.toThrow(/already listening/);

    const gone = disconnected(c);
    await ep.close();
    await within(3000, 'the client to see the endpoint close', gone);
    expect(ep.connections).toBe(0);
    expect(ep.port).toBeUndefined();

    const again = new DatabaseEndpoint({ data: ep.data });
    endpoints.push(again);
    expect(await again.listen(port)).toBe(port);
    expect(await (await client(port)).ping()).toBe('PONG');
    await ep.close(); // closing twice is a no-op
  });

  it('listens on the IPv6 loopback too', async (ctx) => {
    const ep = new DatabaseEndpoint();
    endpoints.push(ep);
    const port = await ep.listen(0, '::1').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT') ctx.skip(); // no IPv6 loopback on this machine
      throw e;
    });
    const c = await client(port, { host: '::1' });
    expect(await c.echo('v6')).toBe('v6');
  });
});
