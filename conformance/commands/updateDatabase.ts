import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { DatabaseStep } from './command.ts';
import { prefixed } from './createDatabase.ts';
import { described, resolvePort, type Drawn, type PortHolder, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/**
 * A value read from the model when the command runs: the database's own (its name or memory, sent
 * back unchanged), or another of the run's databases' name (its own when it is the only one).
 */
export class ValueOf {
  constructor(readonly whose: 'own' | 'another') {}

  toString(): string {
    return this.whose === 'own' ? 'its own' : "another's";
  }
}

/**
 * The settings the model is asked to change. One it holds no value for is at the value the target
 * chose (its default, not the model's to know): sending back the value the target last showed is
 * no change, as sending back any current value is not (`effectiveChanges` of the database machine).
 */
function settingsAsked(m: Model, uid: string, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const held = m.state.databases[uid]?.settings ?? {};
  const shown = (m.shown.get('bdbs') as ReadonlyMap<string, Record<string, unknown>> | undefined)?.get(m.targetDb(uid));
  return Object.fromEntries(Object.entries(settings).filter(([k, v]) => Object.hasOwn(held, k) || !shown || JSON.stringify(shown[k]) !== JSON.stringify(v)));
}

/** The fields of `PUT /v1/bdbs/{uid}` the suite changes, as the API names them. */
export interface DatabaseChanges {
  /** A name as a creation sends it (the run's prefix added), or one read from the model. */
  readonly name?: unknown;
  readonly memory_size?: unknown;
  readonly data_internode_encryption?: unknown;
  readonly port?: Drawn<unknown, PortHolder>;
  /** Documented fields the model stores as sent (conformance/settingValues.ts), in the API's names. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/**
 * `PUT /v1/bdbs/{uid}` with any of the fields the model's `DatabaseChangeRequest` knows, alone or
 * together: a name (new, its own, another database's, malformed), its memory (new, unchanged, not a
 * positive integer), its data internode encryption (the same value, the other one, or not a
 * boolean), settings, or its port (which never changes).
 */
export class UpdateDatabase extends DatabaseStep {
  readonly reqs = ['ENC-DATA-002', 'ENC-DATA-007', 'PORT-DB-004', 'API-ERR-001', 'DB-LIFE-001'] as const;

  #sent: { port?: Resolved<unknown>; name?: unknown; memory_size?: unknown } = {};

  constructor(pick: number, readonly changes: DatabaseChanges) {
    super(pick);
  }

  #valueOf(m: Model, uid: string, field: 'name' | 'memory_size', v: unknown): unknown {
    const db = m.state.databases[uid];
    if (!(v instanceof ValueOf)) return field === 'name' ? prefixed(v, m.limits.namePrefix) : v;
    if (field === 'memory_size') return db?.memorySize;
    const others = m.pickable('databases').filter((u) => u !== uid);
    return v.whose === 'another' && others.length ? m.state.databases[others[0]!]!.name : db?.name;
  }

  step(m: Model): StepSpec {
    const uid = this.database(m);
    const { name, memory_size, data_internode_encryption, port, settings } = this.changes;
    this.#sent = {
      ...(port !== undefined ? { port: resolvePort(m, port) } : {}),
      ...(name !== undefined ? { name: this.#valueOf(m, uid, 'name', name) } : {}),
      ...(memory_size !== undefined ? { memory_size: this.#valueOf(m, uid, 'memory_size', memory_size) } : {}),
    };
    const body = {
      ...('name' in this.#sent ? { name: this.#sent.name } : {}),
      ...('memory_size' in this.#sent ? { memory_size: this.#sent.memory_size } : {}),
      ...(data_internode_encryption !== undefined ? { data_internode_encryption } : {}),
      ...(this.#sent.port ? { port: this.#sent.port.value } : {}),
      ...settings,
    };
    const asked = settings && settingsAsked(m, uid, settings);
    const changes = { name: this.#sent.name, memorySize: this.#sent.memory_size, dataInternodeEncryption: data_internode_encryption, port: this.#sent.port?.value, ...(asked ? { settings: asked } : {}) };
    return {
      commands: [{ type: 'UpdateDatabase', data: { uid, changes } }],
      request: { ...requestTo('UpdateDatabase', { uid: m.targetDb(uid) }), body },
    };
  }

  toString(): string {
    const show = (k: string, v: unknown) => {
      if (k === 'port') return described(this.#sent.port, v);
      if (v instanceof ValueOf) return `${v}${k in this.#sent ? ` = ${JSON.stringify(this.#sent[k as 'name'])}` : ''}`;
      return JSON.stringify(v);
    };
    const fields = Object.entries(this.changes).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${show(k, v)}`);
    return `UpdateDatabase(db ${this.which}, {${fields.join(', ')}})`;
  }
}
