import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface Received {
  type: string;
  sessionId: string;
  name?: string;
  parentId?: string;
  definition?: string;
  sourceId?: string;
  event?: { type: string; [k: string]: unknown };
  snapshot?: { status: string; value: unknown };
}

/** A local inspector endpoint that keeps what it receives. */
export async function receiver(port = 0) {
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
  await once(wss, 'listening');
  const got: Received[] = [];
  wss.on('connection', (s) => s.on('message', (d) => got.push(JSON.parse(String(d)))));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    port: (wss.address() as AddressInfo).port,
    got,
    actors: () => got.filter((e) => e.type === '@xstate.actor'),
    events: (sessionId: string) => got.filter((e) => e.type === '@xstate.event' && e.sessionId === sessionId).map((e) => e.event!.type),
    values: (sessionId: string) => got.filter((e) => e.type !== '@xstate.event' && e.sessionId === sessionId).map((e) => e.snapshot!.value),
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    },
  };
}
