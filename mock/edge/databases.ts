import type { RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import { DatabaseEndpoint } from '../endpoints/databaseEndpoint.ts';
import { hostPort } from './ports.ts';

/**
 * A real TCP endpoint for every database, on the port the model assigned. A change of
 * `data_internode_encryption` restarts the proxy: every client is disconnected, the data stays.
 */
export class DatabaseEndpoints {
  readonly #endpoints = new Map<string, DatabaseEndpoint>();
  /** Endpoints that could not bind their port, and why: the API still reports the database. */
  readonly failures = new Map<string, string>();

  constructor(
    private readonly host: string,
    private readonly report: (line: string) => void = () => {},
  ) {}

  address(uid: string) {
    const e = this.#endpoints.get(uid);
    return e?.port !== undefined ? { host: this.host, port: e.port } : undefined;
  }

  async sync(state: ClusterState, events: readonly RecordedEvent[] = []): Promise<void> {
    for (const [uid, endpoint] of this.#endpoints) {
      if (!state.databases[uid]) {
        this.#endpoints.delete(uid);
        const port = endpoint.port;
        await endpoint.close();
        this.report(`database ${uid} endpoint closed on ${hostPort(this.host, port)}`);
      }
    }
    for (const e of events) {
      if (e.type === 'DatabaseProxyRestarted') await this.#endpoints.get((e.data as { uid: string }).uid)?.restartProxy();
    }
    for (const db of Object.values(state.databases)) {
      if (this.#endpoints.has(db.uid) || this.failures.has(db.uid)) continue;
      const endpoint = new DatabaseEndpoint();
      try {
        await endpoint.listen(db.port, this.host);
        this.#endpoints.set(db.uid, endpoint);
        this.report(`database ${db.uid} endpoint listening on ${hostPort(this.host, db.port)}`);
      } catch (error) {
        this.failures.set(db.uid, (error as Error).message);
        this.report(`database ${db.uid} endpoint cannot listen on ${hostPort(this.host, db.port)}: ${(error as Error).message}`);
        await endpoint.close();
      }
    }
  }

  async close(): Promise<void> {
    const open = [...this.#endpoints];
    this.#endpoints.clear();
    await Promise.all(
      open.map(async ([uid, endpoint]) => {
        const port = endpoint.port;
        await endpoint.close();
        this.report(`database ${uid} endpoint closed on ${hostPort(this.host, port)}`);
      }),
    );
  }
}
