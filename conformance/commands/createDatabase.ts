import { produce } from 'immer';
import { ENDPOINT_RANGE } from '../../domain/rules/ports.ts';
import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';

/** What the request asks for; anything may be malformed on purpose. */
export interface CreateDatabaseArgs {
  readonly name?: unknown;
  readonly port?: unknown;
  readonly encryption?: unknown;
  /** Bytes (default 100 MiB). */
  readonly memory?: unknown;
  /** An explicit uid (the target numbers the database itself without one). */
  readonly uid?: unknown;
}

/**
 * The run's prefix in a name, so the run can tell its own databases from the operator's; a name
 * malformed on purpose stays malformed (`-bad` → `-<prefix>bad`).
 */
const prefixed = (name: unknown, prefix: string): unknown => {
  if (typeof name !== 'string' || !prefix) return name;
  return name.startsWith('-') ? `-${prefix}${name.slice(1)}` : `${prefix}${name}`;
};

export class CreateDatabase extends StepCommand {
  readonly reqs = ['DB-LIFE-001', 'ENC-DATA-001', 'ENC-DATA-004', 'ENC-DATA-006', 'PORT-DB-001', 'PORT-DB-003', 'PORT-DB-005', 'PORT-DB-006', 'ENC-TLS-004', 'PORT-TBL-001'] as const;

  constructor(readonly args: CreateDatabaseArgs) {
    super();
  }

  /** On a cluster the suite adopted, no more of its own databases than the operator allows. */
  protected override applies(m: Readonly<Model>): boolean {
    return m.ownDatabases() < m.limits.maxDatabases;
  }

  step(m: Model): StepSpec {
    const { encryption, memory = m.limits.databaseMemory, uid } = this.args;
    const port = this.args.port === undefined ? undefined : m.port(this.args.port);
    const name = prefixed(this.args.name, m.limits.namePrefix);
    return {
      commands: [{ type: 'CreateDatabase', data: { uid, name, memorySize: memory, port, dataInternodeEncryption: encryption } }],
      request: {
        method: 'POST',
        path: '/v1/bdbs',
        body: { ...(uid !== undefined ? { uid } : {}), ...(name !== undefined ? { name } : {}), memory_size: memory, ...(port !== undefined ? { port } : {}), ...(encryption !== undefined ? { data_internode_encryption: encryption } : {}) },
      },
      adopt: (m: Model, answer, decision) => {
        const created = decision.events.find((e) => e.type === 'DatabaseCreationStarted')!.data as { uid: string; portAutoAssigned: boolean };
        m.databases.set(created.uid, String(answer.body.uid));
        // Which free port of the range is the target's choice: take it, if it is one it may choose.
        const chosen: unknown = answer.body.endpoints?.[0]?.port;
        if (created.portAutoAssigned && chosen !== m.state.databases[created.uid]!.port) {
          const free = typeof chosen === 'number' && chosen >= ENDPOINT_RANGE.min && chosen <= ENDPOINT_RANGE.max && !Object.values(m.state.databases).some((d) => d.port === chosen);
          if (free) m.state = produce(m.state, (d) => void (d.databases[created.uid]!.port = chosen as number));
        }
      },
    };
  }

  toString(): string {
    return `CreateDatabase(${JSON.stringify(this.args)})`;
  }
}
