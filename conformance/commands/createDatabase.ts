import { adoptCreatedDatabase } from '../choices.ts';
import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';
import { described, modelDatabaseUid, resolvePort, resolveUid, type Drawn, type PortHolder, type Resolved, type UidHolder } from './held.ts';

/** What the request asks for; anything may be malformed on purpose. */
export interface CreateDatabaseArgs {
  readonly name?: unknown;
  readonly port?: Drawn<unknown, PortHolder>;
  readonly encryption?: unknown;
  /** Bytes (default 100 MiB). */
  readonly memory?: unknown;
  /** An explicit uid (the target numbers the database itself without one). */
  readonly uid?: Drawn<unknown, UidHolder>;
  /** Documented fields the model stores as sent (conformance/settingValues.ts), in the API's names. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * The run's prefix in a name, so the run can tell its own databases from the operator's; a name
 * malformed on purpose stays malformed (`-bad` → `-<prefix>bad`).
 */
export const prefixed = (name: unknown, prefix: string): unknown => {
  if (typeof name !== 'string' || !prefix) return name;
  return name.startsWith('-') ? `-${prefix}${name.slice(1)}` : `${prefix}${name}`;
};

export class CreateDatabase extends StepCommand {
  readonly reqs = ['DB-LIFE-001', 'ENC-DATA-001', 'ENC-DATA-004', 'ENC-DATA-006', 'PORT-DB-001', 'PORT-DB-002', 'PORT-DB-003', 'PORT-DB-005', 'PORT-DB-006', 'ENC-TLS-004', 'PORT-TBL-001'] as const;

  constructor(readonly args: CreateDatabaseArgs) {
    super();
  }

  /** On a cluster the suite adopted, no more of its own databases than the operator allows. */
  protected override applies(m: Readonly<Model>): boolean {
    return m.ownDatabases() < m.limits.maxDatabases;
  }

  /** The port and uid last sent, and where they came from. */
  #sent: { port?: Resolved<unknown>; uid?: Resolved<unknown> } = {};

  step(m: Model): StepSpec {
    const { encryption, memory = m.limits.databaseMemory, settings } = this.args;
    this.#sent = {
      ...(this.args.port !== undefined ? { port: resolvePort(m, this.args.port) } : {}),
      ...(this.args.uid !== undefined ? { uid: resolveUid(m, this.args.uid) } : {}),
    };
    const port = this.#sent.port?.value;
    // Sent as the target numbers it; asked of the model as the model does.
    const uid = this.#sent.uid?.value;
    const name = prefixed(this.args.name, m.limits.namePrefix);
    return {
      commands: [{ type: 'CreateDatabase', data: { uid: modelDatabaseUid(m, uid), name, memorySize: memory, port, dataInternodeEncryption: encryption, ...(settings ? { settings } : {}) } }],
      request: {
        ...requestTo('CreateDatabase'),
        body: { ...(uid !== undefined ? { uid } : {}), ...(name !== undefined ? { name } : {}), memory_size: memory, ...(port !== undefined ? { port } : {}), ...(encryption !== undefined ? { data_internode_encryption: encryption } : {}), ...settings },
      },
      // The uid and port are the target's to choose unless asked for: checked against what the
      // specification allows, and taken.
      adopt: (m: Model, answer, decision) => {
        const created = decision.events.find((e) => e.type === 'DatabaseCreationStarted')!.data as { uid: string; portAutoAssigned: boolean };
        adoptCreatedDatabase(m, this.toString(), created, uid, answer.body);
      },
    };
  }

  toString(): string {
    const fields = Object.entries(this.args).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${k === 'port' || k === 'uid' ? described(this.#sent[k], v) : JSON.stringify(v)}`);
    return `CreateDatabase({${fields.join(', ')}})`;
  }
}
