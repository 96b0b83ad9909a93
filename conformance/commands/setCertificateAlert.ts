import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

/**
 * `PUT /v1/cluster` with the threshold of `node_internal_certs_about_to_expire` (days, as the API
 * spells it: a string), or a malformed one: certificates already under a new threshold alert at
 * once, and ones above it stop.
 */
export class SetCertificateAlert extends StepCommand {
  readonly reqs = ['CERT-ALR-001', 'CERT-ALR-002', 'API-ERR-001'] as const;

  constructor(readonly threshold: unknown) {
    super();
  }

  step(): StepSpec {
    const days = typeof this.threshold === 'string' && /^\d{1,4}$/.test(this.threshold) ? Number(this.threshold) : this.threshold;
    return {
      commands: [{ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: days } } }],
      request: { ...requestTo('SetAlertSettings'), body: { alert_settings: { node_internal_certs_about_to_expire: { enabled: true, threshold: this.threshold } } } },
    };
  }

  toString(): string {
    return `SetCertificateAlert(threshold ${JSON.stringify(this.threshold)})`;
  }
}
