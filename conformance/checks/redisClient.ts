import { once } from 'node:events';
import { Redis } from 'ioredis';

/** How long a database may take to become active, and a proxy restart to reach its clients. */
export const WAIT_MS = 15_000;

/**
 * How long after a change a proxy restart, if one came, has reached the clients: one later than
 * that would be blamed on the step after, or missed.
 */
export const QUIET_MS = 200;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real Redis client that never reconnects by itself: a dropped connection stays visible. */
export async function client(host: string, port: number): Promise<Redis> {
  // Bounded everywhere: an endpoint that accepts and never answers must not hang the run.
  const c = new Redis({ host, port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: WAIT_MS, commandTimeout: WAIT_MS });
  c.on('error', () => undefined); // a dropped connection is what is being checked, not a fault of the run
  await c.connect();
  return c;
}

export const connected = (c: Redis) => c.status === 'ready';

/** Connected, and answering: a proxy that dropped it, or stopped serving it, fails both. */
export const answers = async (c: Redis) => connected(c) && (await c.ping().catch(() => 'dropped')) === 'PONG';

/** Until the client's connection ends, or the wait is over (the timer is cleared either way). */
export async function ended(c: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([once(c, 'end'), new Promise((r) => (timer = setTimeout(r, WAIT_MS)))]);
  clearTimeout(timer);
}
