import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';

export interface SocketAdapterOptions {
  /** The inspector's WebSocket endpoint, e.g. `ws://127.0.0.1:4242`. */
  readonly url: string;
  /**
   * Called every time a connection opens, after the buffered events are sent; `complete` is
   * false when the inspector has missed events (dropped, or sent to an earlier connection).
   */
  readonly onOpen?: (complete: boolean) => void;
  /** Told, once per outage, that the inspector cannot be reached (default: silent). */
  readonly log?: (message: string) => void;
  /** Events held while the first connection is being made; the oldest are dropped beyond this. */
  readonly maxBuffered?: number;
  /** Bytes the socket may have unsent before new events are dropped (a slow inspector). */
  readonly maxUnsentBytes?: number;
  /** Wait before reconnecting, doubled each failure up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export interface SocketAdapter {
  start(): void;
  stop(): void;
  send(event: unknown): void;
  /** Sends what is queued (bounded wait), then closes. Never rejects. */
  close(): Promise<void>;
  /** Events dropped because nothing was listening or the inspector was too slow. */
  readonly dropped: number;
  /** Whether `send` would deliver or hold an event now (connected, or connecting). */
  readonly accepting: boolean;
}

/**
 * An `@statelyai/inspect` adapter over `ws` that never costs its host: every socket and timer is
 * unref'd (it never keeps a process alive), events are buffered only while a connection is being
 * made (bounded) and dropped while none can be, reconnection backs off, and nothing it does throws.
 * The stock adapter retries every 5 s with a timer that keeps the process alive forever.
 */
export function socketAdapter(options: SocketAdapterOptions): SocketAdapter {
  const maxBuffered = options.maxBuffered ?? 1000;
  const maxUnsent = options.maxUnsentBytes ?? 8 * 1024 * 1024;
  const maxRetry = options.maxRetryMs ?? 30_000;
  let ws: WebSocket | undefined;
  let phase: 'idle' | 'connecting' | 'open' | 'waiting' | 'stopped' = 'idle';
  let buffer: string[] = [];
  let opened = 0;
  let retryMs = options.retryMs ?? 1000;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let warned = false;
  let dropped = 0;

  const createConnection = (opts: object): Socket => {
    const socket: Socket = options.url.startsWith('wss:') ? tlsConnect(opts as never) : netConnect(opts as never);
    socket.unref();
    return socket;
  };

  const connect = () => {
    phase = 'connecting';
    try {
      ws = new WebSocket(options.url, { createConnection: createConnection as never, handshakeTimeout: 5000 });
    } catch (e) {
      options.log?.(`inspector: ${(e as Error).message}`);
      phase = 'stopped';
      return;
    }
    const socket = ws;
    socket.on('open', () => {
      if (socket !== ws) return;
      phase = 'open';
      warned = false;
      retryMs = options.retryMs ?? 1000;
      for (const m of buffer) socket.send(m);
      buffer = [];
      opened++;
      options.onOpen?.(opened === 1 && dropped === 0);
    });
    socket.on('error', (e) => {
      if (phase === 'stopped') return; // closed by its owner, not an outage
      if (!warned) options.log?.(`inspector at ${options.url} not reachable (${e.message}); events are dropped until it is`);
      warned = true;
    });
    socket.on('close', () => {
      if (socket !== ws || phase === 'stopped') return;
      phase = 'waiting';
      dropped += buffer.length;
      buffer = [];
      retry = setTimeout(connect, retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, maxRetry);
    });
  };

  return {
    start() {
      if (phase === 'idle') connect();
    },
    stop() {
      phase = 'stopped';
      clearTimeout(retry);
      buffer = [];
      ws?.terminate();
    },
    send(event) {
      try {
        if (phase === 'open' && ws && ws.bufferedAmount < maxUnsent) ws.send(JSON.stringify(event));
        else if (phase === 'connecting') {
          buffer.push(JSON.stringify(event));
          if (buffer.length > maxBuffered) (buffer.shift(), dropped++);
        } else dropped++;
      } catch {
        dropped++;
      }
    },
    async close() {
      clearTimeout(retry);
      const socket = ws;
      const wasOpen = phase === 'open';
      phase = 'stopped';
      buffer = [];
      if (!socket || !wasOpen) return void socket?.terminate();
      await new Promise<void>((resolve) => {
        const giveUp = setTimeout(() => (socket.terminate(), resolve()), 2000);
        giveUp.unref();
        socket.once('close', () => (clearTimeout(giveUp), resolve()));
        socket.close();
      });
    },
    get dropped() {
      return dropped;
    },
    get accepting() {
      return phase === 'open' || phase === 'connecting';
    },
  };
}
