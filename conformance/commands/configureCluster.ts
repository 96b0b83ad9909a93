import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { described, resolvePort, type Drawn, type PortHolder, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/** `PUT /v1/cluster`: a management port, or `http_support`. */
export class ConfigureCluster extends StepCommand {
  readonly reqs = ['PORT-CM-001', 'PORT-CM-002', 'PORT-CM-003', 'PORT-HTTP-002'] as const;

  #sent: Resolved<unknown> | undefined;

  constructor(readonly field: 'cm_port' | 'cnm_http_port' | 'cnm_https_port' | 'http_support', readonly value: Drawn<unknown, PortHolder>) {
    super();
  }

  step(m: Model): StepSpec {
    const value = (this.#sent = this.field === 'http_support' ? { value: this.value } : resolvePort(m, this.value)).value;
    const key = { cm_port: 'cmPort', cnm_http_port: 'cnmHttpPort', cnm_https_port: 'cnmHttpsPort', http_support: 'httpSupport' }[this.field];
    return {
      commands: [{ type: 'ConfigureCluster', data: { [key]: value } }],
      request: { ...requestTo('ConfigureCluster'), body: { [this.field]: value } },
    };
  }

  toString(): string {
    return `ConfigureCluster(${this.field}=${described(this.#sent, this.value)})`;
  }
}
