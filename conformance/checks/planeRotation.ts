import type { Target } from '../../api/target.ts';
import { RotatePlane } from '../commands/rotatePlane.ts';
import { resetStart } from '../start/reset.ts';
import type { Check } from './check.ts';

/**
 * CERT-ROT-003 read off the certificates themselves: from a reset, each plane rotated alone (only
 * its certificates change), both without a body, and a name the request does not take (403,
 * nothing changes) — the model predicting each, `GET /v1/cluster/certificates` read before and
 * after. Once a run: on the mock every certificate read makes RSA keys.
 */
export const planeRotation: Check = {
  name: 'plane-rotation',
  title: 'Manual rotation of one plane, both planes, and an unknown name',
  needs: ['reset'],
  reqs: ['CERT-ROT-003', 'CERT-ALR-003'],
  async run(target: Target): Promise<void> {
    const model = await resetStart(target, new Set(['reset']), { nodes: 2, spareHosts: 0 }).prepare();
    // A check is told no profile: the answers are compared as documented (a decided code, or an
    // entry the cluster logs of its own, fails nothing); what it is for, the certificates, is exact.
    model.profile = 'documented';
    for (const name of ['ccs_internode_encryption', 'data_internode_encryption', undefined, 'proxy']) await new RotatePlane(name, true).run(model, target);
  },
};
