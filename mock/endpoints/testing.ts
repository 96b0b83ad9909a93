/**
 * Test helpers for the endpoint tests: a standard client (ioredis) configured so it can only ever
 * talk to the endpoint under test and never retries behind a test's back, a raw socket for bytes
 * no client library would send, and a deadline so an awaited event can fail but never hang.
 */
import { connect, type Socket } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';

/** Rejects after `ms` with `what` in the message, so a missing event fails the test instead of hanging it. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/**
 * An ioredis client for 127.0.0.1:port. Auto-reconnect, the offline queue and retries are off
 * unless a test turns them on, so a disconnect shows as an event and the next command fails.
 */
export async function redisClient(port: number, options: RedisOptions = {}): Promise<Redis> {
  const client = new Redis({
    host: '127.0.0.1', // an IP literal: no DNS lookup
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    commandTimeout: 2000,
    ...options,
  });
  client.on('error', () => {}); // errors are asserted through rejected commands, not unhandled events
  await within(3000, 'the client to connect', client.connect());
  return client;
}

/** A plain TCP connection that records every byte the endpoint sends back. */
export interface RawConnection {
  socket: Socket;
  received: () => Buffer;
  /** Resolves once the received bytes satisfy `test`. */
  waitFor: (test: (text: string) => boolean, what: string) => Promise<string>;
  /** Resolves when the endpoint has closed the connection. */
  closed: Promise<void>;
}

export async function rawConnection(port: number): Promise<RawConnection> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  const chunks: Buffer[] = [];
  const waiters = new Set<() => void>();
  socket.on('data', (c: Buffer) => {
    chunks.push(c);
    for (const w of waiters) w();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await within(2000, 'a raw connection', new Promise<void>((resolve) => socket.once('connect', () => resolve())));
  const received = () => Buffer.concat(chunks);
  const waitFor = (test: (text: string) => boolean, what: string) =>
    within(
      3000,
      what,
      new Promise<string>((resolve) => {
        const check = () => {
          const text = received().toString('latin1');
          if (test(text)) {
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        check();
      }),
    );
  return { socket, received, waitFor, closed };
}
