import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { DatabaseStep } from './command.ts';

/** The fields of `PUT /v1/bdbs/{uid}` the suite changes, as the API names them. */
export interface DatabaseChanges {
  readonly data_internode_encryption?: unknown;
  readonly port?: unknown;
  readonly memory_size?: unknown;
}

/**
 * `PUT /v1/bdbs/{uid}`: its data internode encryption (the same value, the other one, or not a
 * boolean), its memory, or its port (which never changes).
 */
export class UpdateDatabase extends DatabaseStep {
  readonly reqs = ['ENC-DATA-002', 'ENC-DATA-007', 'PORT-DB-004', 'API-ERR-001'] as const;

  constructor(pick: number, readonly changes: DatabaseChanges) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.database(m);
    const c = this.changes.port === undefined ? this.changes : { ...this.changes, port: m.port(this.changes.port) };
    return {
      commands: [{ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: c.data_internode_encryption, port: c.port, memorySize: c.memory_size } } }],
      request: { method: 'PUT', path: `/v1/bdbs/${m.targetDb(uid)}`, body: { ...c } },
    };
  }

  toString(): string {
    return `UpdateDatabase(db ${this.which}, ${JSON.stringify(this.changes)})`;
  }
}
