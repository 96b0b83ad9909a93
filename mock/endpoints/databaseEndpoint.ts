/**
 * A database's endpoint: the TCP listener that Redis clients connect to, standing in for the
 * node's DMC proxy in front of the bdb's shards.
 *
 * The data lives here, not in the connections, so a proxy restart can drop every client (as the
 * documents say changing data internode encryption does) while the data survives and clients that
 * reconnect read what they wrote before.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { execute, type Outcome, type Session } from './commands.ts';
import { DEFAULT_LIMITS, RespReader, error, type RespLimits } from './resp.ts';

export interface DatabaseEndpointOptions {
  /** The bdb's store, when the caller owns it; a new empty one otherwise. */
  data?: Map<string, Buffer>;
  limits?: Partial<RespLimits>;
  /** Sees every command before it runs: tests use it to learn what a client library sends. */
  onCommand?: (args: readonly Buffer[], session: Readonly<Session>) => void;
}

export class DatabaseEndpoint {
  /** Keys are latin1 byte strings (see `keyOf`); values are raw bytes, binary-safe. */
  readonly data: Map<string, Buffer>;
  private readonly limits: RespLimits;
  private readonly onCommand: DatabaseEndpointOptions['onCommand'];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private nextSessionId = 1;
  /** Errors the listener raised after it was up (EMFILE on accept, say): kept, not thrown into the test process. */
  readonly serverErrors: Error[] = [];

  constructor(options: DatabaseEndpointOptions = {}) {
    this.data = options.data ?? new Map();
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.onCommand = options.onCommand;
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => this.serverErrors.push(e));
  }

  /** Client connections currently open. */
  get connections(): number {
    return this.sockets.size;
  }

  /** The bound port, while listening. */
  get port(): number | undefined {
    const a = this.server.address();
    return a && typeof a === 'object' ? (a as AddressInfo).port : undefined;
  }

  /** Binds the listener (port 0 picks a free one) and resolves with the bound port. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    if (this.server.listening) return Promise.reject(new Error(`endpoint already listening on port ${this.port}`));
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.port!);
      });
    });
  }

  /**
   * The DMC proxy restarts: every client connection is dropped, the data stays, and the listener
   * (and its port) stays up, so clients reconnect to the same address.
   */
  async restartProxy(): Promise<void> {
    const closed = [...this.sockets].map(
      (s) => new Promise<void>((resolve) => (s.closed ? resolve() : s.once('close', () => resolve()))),
    );
    for (const s of this.sockets) s.destroy();
    await Promise.all(closed);
  }

  /** Stops listening and drops every connection; the port is free when this resolves. */
  async close(): Promise<void> {
    const stopped = this.server.listening
      ? new Promise<void>((resolve, reject) => this.server.close((e) => (e ? reject(e) : resolve())))
      : Promise.resolve();
    await this.restartProxy(); // server.close() waits for open connections, so drop them
    await stopped;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // ECONNRESET and friends from a client that vanished: the connection ends, the process does not.
    socket.on('error', () => {});
    socket.on('close', () => this.sockets.delete(socket));

    const reader = new RespReader(this.limits);
    const session: Session = { id: this.nextSessionId++, name: '', libName: '', libVer: '' };
    let finished = false;
    let draining = false;

    const hangUp = (last: Buffer) => {
      finished = true;
      // Destroy once flushed: a peer that never closes its side must not keep the connection open.
      socket.end(last, () => socket.destroy());
    };

    // Pull one command at a time and stop while the socket is backed up, so a client that
    // pipelines GETs without reading cannot make the mock buffer unbounded output.
    const pump = (): void => {
      while (!finished) {
        if (socket.writableNeedDrain) {
          draining = true;
          socket.pause();
          socket.once('drain', () => {
            draining = false;
            socket.resume();
            pump();
          });
          return;
        }
        const item = reader.next();
        if (item === undefined) return;
        if ('error' in item) return hangUp(error(`ERR ${item.error}`));
        const out = this.run(item.args, session);
        if (out.close) return hangUp(out.reply);
        socket.write(out.reply);
      }
    };

    socket.on('data', (chunk: Buffer) => {
      if (finished) return; // after QUIT or a protocol error nothing more is read, as Redis does
      reader.push(chunk);
      if (!draining) pump();
    });
  }

  private run(args: Buffer[], session: Session): Outcome {
    try {
      this.onCommand?.(args, session);
      return execute(args, this.data, session);
    } catch (e) {
      // A bug in the mock must show up as an error reply in the test that hit it, not kill every endpoint.
      return { reply: error(`ERR internal error: ${e instanceof Error ? e.message : String(e)}`) };
    }
  }
}
