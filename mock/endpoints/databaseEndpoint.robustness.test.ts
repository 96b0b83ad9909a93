/**
 * Bytes no client library would send: the endpoint answers with an error, drops only the
 * offending connection when the stream cannot be resynchronised, and keeps serving everyone else.
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseEndpoint } from './databaseEndpoint.ts';
import { rawConnection, redisClient, within, type RawConnection } from './testing.ts';

let ep: DatabaseEndpoint;
let port: number;
let bystander: Redis;
const raws: RawConnection[] = [];

async function raw(): Promise<RawConnection> {
  const r = await rawConnection(port);
  raws.push(r);
  return r;
}

/** Deterministic noise (an LCG), so a failure reproduces byte for byte. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

beforeEach(async () => {
  ep = new DatabaseEndpoint({ limits: { maxBulk: 1024 * 1024 } });
  port = await ep.listen(0);
  // A well-behaved client connected throughout: it must keep working whatever the others send.
  bystander = await redisClient(port);
  await bystander.set('kept', 'yes');
});

afterEach(async () => {
  expect(await bystander.get('kept')).toBe('yes');
  bystander.disconnect();
  for (const r of raws.splice(0)) r.socket.destroy();
  await ep.close();
});

describe('the endpoint under bad input', { timeout: 15_000 }, () => {
  it('answers a garbage line with an unknown-command error and keeps the connection', async () => {
    const r = await raw();
    r.socket.write(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0a]));
    r.socket.write('PING\r\n');
    const text = await r.waitFor((t) => t.includes('+PONG'), 'the error and the PONG');
    expect(text).toBe("-ERR unknown command '\\xde\\xad\\xbe\\xef'\r\n+PONG\r\n");
  });

  it('answers a broken multibulk with a protocol error and closes that connection only', async () => {
    const r = await raw();
    r.socket.write('*1\r\n$4\r\nPING\r\n*x\r\n*1\r\n$4\r\nPING\r\n');
    await within(3000, 'the endpoint to close the connection', r.closed);
    expect(r.received().toString()).toBe('+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n');
    expect(ep.connections).toBe(1); // the bystander
  });

  it('refuses an oversized bulk from its header, without waiting for the body', async () => {
    const r = await raw();
    r.socket.write(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${1024 * 1024 + 1}\r\n`);
    await within(3000, 'the endpoint to close the connection', r.closed);
    expect(r.received().toString()).toBe('-ERR Protocol error: invalid bulk length\r\n');
    expect(ep.data.has('k')).toBe(false);
  });

  it('refuses an oversized array, and an endless line', async () => {
    const a = await raw();
    a.socket.write('*1025\r\n');
    const b = await raw();
    b.socket.write(Buffer.alloc(64 * 1024 + 1, 'x'));
    await within(3000, 'both connections to close', Promise.all([a.closed, b.closed]));
    expect(a.received().toString()).toBe('-ERR Protocol error: invalid multibulk length\r\n');
    expect(b.received().toString()).toBe('-ERR Protocol error: too big inline request\r\n');
  });

  it.each([1, 2, 3, 4, 5])('survives 256 KiB of random bytes (seed %i)', async (seed) => {
    const r = await raw();
    r.socket.write(Buffer.concat([Buffer.from('\n'), noise(256 * 1024, seed)]));
    await r.waitFor((t) => t.startsWith('-ERR '), 'an error reply');
    expect(await bystander.ping()).toBe('PONG');
  });

  it('survives a client that resets its connection in the middle of a command', async () => {
    const r = await raw();
    r.socket.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nonly part of the value');
    await within(3000, 'the partial command to arrive', new Promise((resolve) => setTimeout(resolve, 50)));
    r.socket.resetAndDestroy(); // RST: the endpoint sees ECONNRESET
    await within(3000, 'the endpoint to drop the connection', (async () => {
      while (ep.connections > 1) await new Promise((resolve) => setTimeout(resolve, 10));
    })());
    expect(ep.data.has('k')).toBe(false);
  });

  it('answers a pipelined burst in order, and QUIT ends it', async () => {
    const r = await raw();
    const burst = Array.from({ length: 200 }, (_, i) => `*3\r\n$3\r\nSET\r\n$${String(i).length}\r\n${i}\r\n$1\r\nv\r\n`).join('');
    r.socket.write(burst + 'GET 199\r\nQUIT\r\nSET after quit\r\n');
    await within(3000, 'the endpoint to close after QUIT', r.closed);
    expect(r.received().toString()).toBe('+OK\r\n'.repeat(200) + '$1\r\nv\r\n+OK\r\n');
    expect(ep.data.size).toBe(201);
    expect(ep.data.has('after')).toBe(false);
  });

  it('delivers every reply to a client that pipelines large GETs before reading any', async () => {
    const value = Buffer.alloc(1024 * 1024, 0x5a);
    ep.data.set('big', value);
    const r = await raw();
    r.socket.pause(); // read nothing: the endpoint's socket backs up and it must stop pulling commands
    r.socket.write('GET big\r\n'.repeat(48));
    await new Promise((resolve) => setTimeout(resolve, 100));
    r.socket.resume();
    const reply = Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from('\r\n')]);
    await within(5000, 'all 48 MiB of replies', (async () => {
      while (r.received().length < reply.length * 48) await new Promise((resolve) => setTimeout(resolve, 10));
    })());
    const got = r.received();
    expect(got.length).toBe(reply.length * 48);
    expect(got.subarray(got.length - reply.length).equals(reply)).toBe(true);
  });
});
