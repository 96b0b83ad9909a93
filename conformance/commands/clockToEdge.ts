import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import type { CertificateState } from '../../domain/state.ts';
import { StepCommand, nth, type SuiteCommand } from './command.ts';
import { PowerNode } from './powerNode.ts';
import { requestTo } from '../../domain/requests.ts';
import { DAY_MS, ROTATE_AFTER_DAYS } from '../../domain/rules/certificates.ts';

/** The ages at which a certificate's reading changes (spec/semantics.md, "Certificates"). */
export const EDGES = ['rotation', 'alert', 'expiry'] as const;
export type Edge = (typeof EDGES)[number];

/** Just before, at, and just after an edge: the clock and certificates count milliseconds. */
export const OFFSETS_MS = [-1, 0, 1] as const;

/** When a certificate reaches an edge: due for rotation, below the alert threshold, past its notAfter. */
export function edgeTime(m: Readonly<Model>, cert: Pick<CertificateState, 'notBefore' | 'notAfter'>, edge: Edge): number {
  if (edge === 'rotation') return cert.notBefore + ROTATE_AFTER_DAYS * DAY_MS;
  if (edge === 'alert') return cert.notAfter - m.state.alerts.nodeInternalCertsAboutToExpire.thresholdDays * DAY_MS;
  return cert.notAfter;
}

/** The model's certificates, oldest first (then by key): what a pick counts among. */
export const byAge = (m: Readonly<Model>): CertificateState[] =>
  Object.entries(m.state.certificates)
    .sort(([a, x], [b, y]) => x.notBefore - y.notBefore || (a < b ? -1 : 1))
    .map(([, c]) => c);

/**
 * Moves the cluster clock to a millisecond around one certificate's edge (`POST /clock` with
 * `now`): the step's observation then reads status, alerts, serials and the log exactly where a
 * `<` read as `<=`, or a day rounded the wrong way, shows. Only on a target whose clock stands
 * still between moves (`still-clock`): on a running clock the edge has passed before the read.
 * Applies only while the edge is ahead of the clock (the clock never moves back).
 */
export class ClockToEdge extends StepCommand {
  readonly reqs = ['CERT-ROT-001', 'CERT-ROT-002', 'CERT-ALR-001', 'CERT-EXP-001', 'CERT-ALR-003'] as const;

  override readonly needs = ['clock', 'reset', 'still-clock'];

  /**
   * @param pick which certificate, by index among them oldest first (0: the oldest)
   * @param offsetMs milliseconds from the edge: -1, 0 or 1
   */
  constructor(
    readonly pick: number,
    readonly edge: Edge,
    readonly offsetMs: number,
  ) {
    super();
  }

  #at: number | undefined;

  /** The time the clock is moved to, or none (no certificate, or its edge is not ahead). */
  target(m: Readonly<Model>): number | undefined {
    const cert = nth(byAge(m), this.pick);
    if (!cert) return undefined;
    const at = edgeTime(m, cert, this.edge) + this.offsetMs;
    return at > m.state.clock ? at : undefined;
  }

  protected override applies(m: Readonly<Model>): boolean {
    return this.target(m) !== undefined;
  }

  step(m: Model): StepSpec {
    const now = (this.#at = this.target(m)!);
    return {
      commands: [{ type: 'AdvanceClock', data: { now } }],
      request: { ...requestTo('AdvanceClock'), body: { now: new Date(now).toISOString() } },
    };
  }

  toString(): string {
    const offset = this.offsetMs === 0 ? 'at' : `${this.offsetMs > 0 ? '+' : ''}${this.offsetMs} ms from`;
    const at = this.#at === undefined ? '' : `, now ${new Date(this.#at).toISOString()}`;
    return `ClockToEdge(${offset} the ${this.edge} edge of certificate #${this.pick}${at})`;
  }
}

/**
 * A seed of the certificates area: a node down (its certificate is never reissued), then its
 * edges in turn — rotation due for the others, the alert threshold and expiry at the exact
 * millisecond, then just past expiry. Drawn sequences reach an exact edge with a node down too
 * rarely for a small budget. Without `still-clock` (or `power`) its steps do not apply.
 */
export const edgeSeed = (): SuiteCommand[] => [
  new PowerNode(1, false),
  new ClockToEdge(0, 'rotation', 0),
  new ClockToEdge(0, 'alert', 0),
  new ClockToEdge(0, 'expiry', 0),
  new ClockToEdge(0, 'expiry', 1),
];
