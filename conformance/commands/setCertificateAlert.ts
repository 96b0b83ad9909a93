import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

const DAY_MS = 86_400_000;

/**
 * A threshold taken from the certificates' days left when the command runs: `above` the fewest
 * (the oldest certificates alert), or `below` them (every one clears). Fixed thresholds raise and clear an alert
 * only where the clock happens to have put the certificates; these move every alert at every
 * draw, so a sequence raises, clears and raises again (where a target's stored alert state shows).
 * A day of margin either side: the target's clock runs on between the model's reads.
 */
export class ThresholdAround {
  constructor(readonly side: 'above' | 'below') {}

  days(m: Readonly<Model>): string {
    const left = Object.values(m.state.certificates).map((c) => (c.notAfter - m.state.clock) / DAY_MS);
    if (!left.length) return '45';
    const days = Math.floor(Math.min(...left)) + (this.side === 'above' ? 2 : -1);
    // Past the allowed 1-89 days: the nearest end, or (nothing can clear) the top.
    return String(days < 1 ? 89 : Math.min(days, 89));
  }
}

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

  #sent: string | undefined;

  step(m: Model): StepSpec {
    const threshold = this.threshold instanceof ThresholdAround ? (this.#sent = this.threshold.days(m)) : this.threshold;
    const days = typeof threshold === 'string' && /^\d{1,4}$/.test(threshold) ? Number(threshold) : threshold;
    const sent = (field: string, v: unknown) => (v === undefined ? {} : { [field]: v });
    return {
      commands: [{ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { ...sent('enabled', this.enabled), ...sent('thresholdDays', days) } } }],
      request: { ...requestTo('SetAlertSettings'), body: { alert_settings: { node_internal_certs_about_to_expire: { ...sent('enabled', this.enabled), ...sent('threshold', threshold) } } } },
    };
  }

  toString(): string {
    const enabled = this.enabled === true ? '' : `, enabled ${JSON.stringify(this.enabled)}`;
    const around = this.threshold instanceof ThresholdAround ? `${this.#sent ? `${JSON.stringify(this.#sent)} = ` : ''}${this.threshold.side} the days left` : undefined;
    return `SetCertificateAlert(threshold ${around ?? JSON.stringify(this.threshold)}${enabled})`;
  }
}
