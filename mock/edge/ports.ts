import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

/** `host:port` as a URL writes it (`[::1]:12000` for IPv6). */
export const hostPort = (host: string, port: number | undefined) => `${host.includes(':') ? `[${host}]` : host}:${port ?? '?'}`;

/** Whether another process holds a TCP port on `host`: the one way to know is to try to bind it. */
export async function portInUse(port: number, host: string): Promise<boolean> {
  const probe = createServer();
  probe.unref();
  try {
    probe.listen({ port, host, exclusive: true });
    await Promise.race([once(probe, 'listening'), once(probe, 'error').then(([e]) => Promise.reject(e))]);
    probe.close();
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
  }
}

/** Real listeners that stand for "another process" holding a port (the control protocol's hold). */
export class ForeignPorts {
  readonly #held = new Map<number, Server>();

  constructor(private readonly host: string) {}

  async hold(port: number): Promise<void> {
    if (this.#held.has(port)) return;
    const server = createServer((s) => s.destroy());
    server.listen({ port, host: this.host, exclusive: true });
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
    this.#held.set(port, server);
  }

  async release(port: number): Promise<void> {
    const server = this.#held.get(port);
    this.#held.delete(port);
    if (server) await new Promise((r) => server.close(r));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#held.keys()].map((p) => this.release(p)));
  }
}
