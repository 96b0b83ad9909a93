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

  /**
   * @param threshold days as the API spells them; `undefined`: not sent (the setting keeps its own).
   * @param enabled `undefined`: not sent; anything else is sent as it is, a malformed value too.
   */
  constructor(
    readonly threshold: unknown,
    readonly enabled: unknown = true,
  ) {
    super();
  }

  step(): StepSpec {
    const days = typeof this.threshold === 'string' && /^\d{1,4}$/.test(this.threshold) ? Number(this.threshold) : this.threshold;
    const sent = (field: string, v: unknown) => (v === undefined ? {} : { [field]: v });
    return {
      commands: [{ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { ...sent('enabled', this.enabled), ...sent('thresholdDays', days) } } }],
      request: { ...requestTo('SetAlertSettings'), body: { alert_settings: { node_internal_certs_about_to_expire: { ...sent('enabled', this.enabled), ...sent('threshold', this.threshold) } } } },
    };
  }

  toString(): string {
    const enabled = this.enabled === true ? '' : `, enabled ${JSON.stringify(this.enabled)}`;
    return `SetCertificateAlert(threshold ${JSON.stringify(this.threshold)}${enabled})`;
  }
}
