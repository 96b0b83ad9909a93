import { produce } from 'immer';
import { ENDPOINT_RANGE } from '../../machines/rules/ports.ts';
import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { StepCommand } from './command.ts';

export interface CreateDatabaseArgs {
  readonly name: string;
  readonly port?: number;
  readonly encryption?: boolean;
}

export class CreateDatabase extends StepCommand {
  readonly reqs = ['DB-LIFE-001', 'ENC-DATA-001', 'ENC-DATA-004', 'ENC-DATA-006', 'PORT-DB-001', 'PORT-DB-003', 'PORT-DB-005', 'PORT-DB-006'] as const;

  constructor(readonly args: CreateDatabaseArgs) {
    super();
  }

  step(): Step {
    const { name, port, encryption } = this.args;
    return {
      label: this.toString(),
      reqs: this.reqs,
      commands: [{ type: 'CreateDatabase', data: { name, memorySize: 104_857_600, port, dataInternodeEncryption: encryption } }],
      request: {
        method: 'POST',
        path: '/v1/bdbs',
        body: { name, memory_size: 104_857_600, ...(port !== undefined ? { port } : {}), ...(encryption !== undefined ? { data_internode_encryption: encryption } : {}) },
      },
      adopt: (m: Model, answer, decision) => {
        const created = decision.events.find((e) => e.type === 'DatabaseCreationStarted')!.data as { uid: string; portAutoAssigned: boolean };
        m.databases.set(created.uid, String(answer.body.uid));
        // Which free port of the range is the target's choice: take it, if it is one it may choose.
        const chosen = answer.body.endpoints?.[0]?.port;
        if (created.portAutoAssigned && chosen !== m.state.databases[created.uid]!.port) {
          const free = chosen >= ENDPOINT_RANGE.min && chosen <= ENDPOINT_RANGE.max && !Object.values(m.state.databases).some((d) => d.port === chosen);
          if (free) m.state = produce(m.state, (d) => void (d.databases[created.uid]!.port = chosen));
        }
      },
    };
  }

  toString(): string {
    return `CreateDatabase(${JSON.stringify(this.args)})`;
  }
}
