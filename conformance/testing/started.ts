import type { Topology } from '../../core/topology.ts';
import type { Model } from '../model.ts';
import type { Mutant } from '../mutants/mutant.ts';
import { resetStart } from '../start/reset.ts';
import { inProcessTarget } from '../target/inProcess.ts';

/** Every control capability the in-process mock offers. */
export const MOCK_CAPABILITIES = new Set(['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports', 'hold-work', 'still-clock']);

/**
 * The in-process mock (optionally a mutant of it) reset to a topology, and the suite's model of
 * it: where a test runs one command at a time, as a sequence of the suite would.
 */
export async function started(options: { mutant?: Mutant; topology?: Topology } = {}): Promise<{ target: ReturnType<typeof inProcessTarget>; model: Model }> {
  const target = inProcessTarget(options.mutant ? { mutant: options.mutant } : {});
  const model = await resetStart(target, MOCK_CAPABILITIES, { nodes: 3, spareHosts: 1, ...options.topology }).prepare();
  return { target, model };
}
