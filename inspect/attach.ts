import { createInspector } from '@statelyai/inspect';
import { mirrorCluster, type ActorLike, type EventSource, type InspectionSink } from './mirror.ts';
import { socketAdapter } from './socket.ts';

export interface ClusterInspection {
  /** Stops mirroring, sends what is queued (bounded wait) and closes the socket. */
  close(): Promise<void>;
  /** Events dropped, or never made, because no inspector was listening. */
  readonly dropped: number;
}

/**
 * Streams a cluster's machines to a Stately inspector endpoint (`npm run inspector`, or any
 * relay speaking `@statelyai/inspect`'s WebSocket protocol). When nothing listens, events are
 * dropped and the socket retries in the background without keeping the process alive; when an
 * inspector (re)connects, every current machine is registered again with its snapshot.
 */
export function inspectCluster(source: EventSource, options: { url: string; log?: (message: string) => void; retryMs?: number }): ClusterInspection {
  const names = new Map<string, string>();
  let mirror: ReturnType<typeof mirrorCluster> | undefined;
  const adapter = socketAdapter({ url: options.url, ...(options.log ? { log: options.log } : {}), ...(options.retryMs ? { retryMs: options.retryMs } : {}), onOpen: (complete) => (complete && !mirror?.skipped) || mirror?.announce() });
  // The inspector names an actor after its machine's id; a person needs `node:2`, not `node`.
  const inspector = createInspector(adapter, {
    serialize: (e) => (e.type === '@xstate.actor' ? { ...e, name: names.get(e.sessionId) ?? e.name } : e),
  });
  const sink: InspectionSink = {
    actor: (ref: ActorLike, snapshot) => {
      names.set(ref.sessionId, ref.id);
      inspector.actor(ref as never, snapshot as never);
    },
    event: (target, event, info) => inspector.event(target, event, info),
    snapshot: (actor, snapshot, info) => inspector.snapshot(actor, snapshot as never, info),
  };
  adapter.start();
  mirror = mirrorCluster(source, sink, () => adapter.accepting);
  return {
    async close() {
      mirror?.stop();
      await adapter.close();
    },
    get dropped() {
      return adapter.dropped + (mirror?.skipped ?? 0);
    },
  };
}
