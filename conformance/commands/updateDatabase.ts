import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { DatabaseStep } from './command.ts';
import { described, resolvePort, type Drawn, type PortHolder, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/** The fields of `PUT /v1/bdbs/{uid}` the suite changes, as the API names them. */
export interface DatabaseChanges {
  readonly data_internode_encryption?: unknown;
  readonly port?: Drawn<unknown, PortHolder>;
  readonly memory_size?: unknown;
}

/**
 * `PUT /v1/bdbs/{uid}`: its data internode encryption (the same value, the other one, or not a
 * boolean), its memory, or its port (which never changes).
 */
export class UpdateDatabase extends DatabaseStep {
  readonly reqs = ['ENC-DATA-002', 'ENC-DATA-007', 'PORT-DB-004', 'API-ERR-001'] as const;

  #port: Resolved<unknown> | undefined;

  constructor(pick: number, readonly changes: DatabaseChanges) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.database(m);
    this.#port = this.changes.port === undefined ? undefined : resolvePort(m, this.changes.port);
    const c = this.#port ? { ...this.changes, port: this.#port.value } : this.changes;
    return {
      commands: [{ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: c.data_internode_encryption, port: c.port, memorySize: c.memory_size } } }],
      request: { ...requestTo('UpdateDatabase', { uid: m.targetDb(uid) }), body: { ...c } },
    };
  }

  toString(): string {
    const fields = Object.entries(this.changes).map(([k, v]) => `${k}: ${k === 'port' ? described(this.#port, v) : JSON.stringify(v)}`);
    return `UpdateDatabase(db ${this.which}, {${fields.join(', ')}})`;
  }
}
