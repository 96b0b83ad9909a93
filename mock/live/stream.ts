import type { RecordedEvent } from '../../domain/events.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { entityViews, timelineEntry } from './view.ts';

/** How much history a page gets when it opens. */
export const HISTORY = 300;
const KEEP_ALIVE_MS = 15_000;

function recent(cluster: MockCluster): RecordedEvent[] {
  const to = cluster.store.position;
  return [...cluster.store.read(Math.max(0, to - HISTORY), to)];
}

/**
 * The page's feed as Server-Sent Events: first `snapshot` (every machine and the recent log),
 * then one `update` per committed change with the machines after it and its events; `reset`
 * is true when the log started over. The subscription ends when the client goes away.
 */
export function liveStream(cluster: MockCluster): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe: (() => void) | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let last = cluster.store.position;
  const end = () => {
    unsubscribe?.();
    clearInterval(keepAlive);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          end(); // the client is gone
        }
      };
      const message = (name: string, data: unknown) => send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      message('snapshot', { entities: entityViews(cluster.state), events: recent(cluster).map(timelineEntry) });
      unsubscribe = cluster.onEvents((events, state) => {
        const reset = events.length > 0 && events[0]!.position <= last;
        last = events.at(-1)?.position ?? last;
        message('update', { reset, entities: entityViews(state), events: events.map(timelineEntry) });
      });
      keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
      keepAlive.unref();
    },
    cancel: end,
  });
}
