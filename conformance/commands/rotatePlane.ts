import { PLANE_CERT_NAMES, rotationOf } from '../../domain/rules/rotation.ts';
import type { ClusterState, Plane } from '../../domain/state.ts';
import type { Target } from '../../api/target.ts';
import { pemCertificates } from '../checks/nodeCertificates.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { runProbe } from '../probe.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';

/** The internal certificates by the names the rotate request and `GET /v1/cluster/certificates` use. */
const PLANE_OF = Object.fromEntries(Object.entries(PLANE_CERT_NAMES).map(([plane, name]) => [name, plane as Plane]));

/**
 * `POST /v1/cluster/certificates/rotate` with a body naming one internal certificate (CERT-ROT-003):
 * only that plane's certificates are reissued, on every node; without a name (`undefined`, no
 * body) both planes are. Any other name is refused (403 `unsupported_rotation`, or 400 for a name
 * that is not a string: CERT-ROT-005) and changes nothing. Between sequences the model's prediction is seen through the alerts and the log; with
 * `verify`, which certificates changed is also read from `GET /v1/cluster/certificates` before and
 * after — on the mock every certificate read makes RSA keys, too slow for every rotation of every
 * sequence, so the `plane-rotation` check (checks/planeRotation.ts) does it once a run.
 */
export class RotatePlane extends StepCommand {
  readonly reqs = ['CERT-ROT-003', 'CERT-ROT-004', 'CERT-ALR-003'] as const;

  /** Reissued certificates cannot be put back: only on a cluster the suite may reset. */
  override readonly needs = ['reset'];

  /**
   * @param name the certificate named in the body; `undefined`: no body at all.
   * @param verify read the certificates before and after, and compare which changed.
   */
  constructor(
    readonly name: unknown,
    readonly verify = false,
  ) {
    super();
  }

  private get rotation() {
    return rotationOf(this.name);
  }

  step(): StepSpec {
    const plane = this.rotation.ok ? this.rotation.plane : undefined;
    return {
      commands: [{ type: 'RotateCertificates', data: plane ? { plane } : {} }],
      request: { method: 'POST', path: '/v1/cluster/certificates/rotate', ...(this.name === undefined ? {} : { body: { name: this.name } }) },
    };
  }

  override async run(m: Model, target: Target): Promise<void> {
    if (!this.rotation.ok) {
      const { request } = this.step();
      await runProbe(m, target, { label: this.toString(), reqs: [...this.reqs, 'CERT-ROT-005'], request, refusal: this.rotation.rejection });
      return;
    }
    if (!this.verify) return super.run(m, target);
    const before = await bundles(target);
    const predictedFrom = m.state;
    await super.run(m, target);
    const after = await bundles(target);
    for (const [name, plane] of Object.entries(PLANE_OF)) {
      if (before[name] === undefined && after[name] === undefined) continue;
      const expected = reissued(predictedFrom, m.state, plane);
      const actual = JSON.stringify([...(after[name] ?? [])].sort()) !== JSON.stringify([...(before[name] ?? [])].sort());
      if (actual !== expected) {
        throw new Mismatch(`GET /v1/cluster/certificates after ${this.toString()}: ${name}_cert`, expected ? 'reissued' : 'unchanged', actual ? 'reissued' : 'unchanged', [...this.reqs]);
      }
    }
  }

  toString(): string {
    return `RotatePlane(${this.name === undefined ? 'no body' : JSON.stringify(this.name)})`;
  }
}

/** Each internal certificate's PEMs, by its name without `_cert`. */
async function bundles(target: Target): Promise<Record<string, string[]>> {
  const body = (await target.api('GET', '/v1/cluster/certificates')).body ?? {};
  return Object.fromEntries(Object.keys(PLANE_OF).filter((n) => typeof body[`${n}_cert`] === 'string').map((n) => [n, pemCertificates(body[`${n}_cert`])]));
}

/** Whether a plane's certificates were reissued between two states of the model (their serials differ). */
function reissued(from: ClusterState, to: ClusterState, plane: Plane): boolean {
  const serials = (s: ClusterState) => JSON.stringify(Object.values(s.certificates).filter((c) => c.plane === plane).map((c) => `${c.nodeUid} ${c.serial}`).sort());
  return serials(from) !== serials(to);
}
