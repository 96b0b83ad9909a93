import { connect as tcp } from 'node:net';
import { connect as tls } from 'node:tls';

export interface RawAnswer {
  /** Every status line the server wrote back, in order (1xx included). */
  readonly statuses: readonly number[];
  readonly text: string;
  /** From the first byte written until the server closed the connection (or `limitMs`). */
  readonly ms: number;
  /** The server had not closed the connection after `limitMs`. */
  readonly hung: boolean;
}

export interface RawOptions {
  /** Over TLS (to the HTTPS listener), with any certificate accepted. */
  readonly tls?: boolean;
  /** Close our sending side after the bytes (default), or keep it open as a stalled client would. */
  readonly end?: boolean;
  /** Give up waiting for the server after this long. */
  readonly limitMs?: number;
  /** Write the bytes in pieces this many ms apart (a slow client). */
  readonly dripMs?: number;
  readonly dripBytes?: number;
  /** Bytes written at once before the drip starts (say, the headers before a slow body). */
  readonly dripAfter?: number;
}

/**
 * Writes raw bytes to a listener and reads whatever comes back until the server closes the
 * connection: the view of a client that speaks broken HTTP, or too slowly.
 */
export function rawExchange(host: string, port: number, bytes: Uint8Array, o: RawOptions = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = o.tls ? tls({ host, port, rejectUnauthorized: false }) : tcp({ host, port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (hung: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(limit);
      clearInterval(drip);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, text, ms: Date.now() - started, hung });
    };
    const limit = setTimeout(() => finish(true), o.limitMs ?? 10_000);
    let drip: ReturnType<typeof setInterval> | undefined;
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
    socket.once(o.tls ? 'secureConnect' : 'connect', () => {
      const buffer = Buffer.from(bytes);
      if (!o.dripMs) {
        socket.write(buffer);
        if (o.end !== false) socket.end();
        return;
      }
      let at = o.dripAfter ?? 0;
      socket.write(buffer.subarray(0, at));
      const step = o.dripBytes ?? 1;
      drip = setInterval(() => {
        if (at >= buffer.length || socket.destroyed) {
          clearInterval(drip);
          if (o.end !== false && !socket.destroyed) socket.end();
          return;
        }
        socket.write(buffer.subarray(at, at + step));
        at += step;
      }, o.dripMs);
    });
  });
}
