import type { Topology } from '../../core/topology.ts';
import type { Target } from '../../api/target.ts';
import { Interrupted } from './interrupt.ts';
import { resetBody, resetStart } from './reset.ts';
import type { Start } from './start.ts';

/**
 * Where an area's sequences start: the run's start, or — for an area that needs a topology of its
 * own (an IPv6 cluster) — a reset to the run's topology with the area's changes. Only a target the
 * suite may reset can be brought there: on any other, or where the target refuses that reset
 * (a lab whose hook cannot create an IPv6 cluster), the area is not run, with the reason.
 */
export async function areaStart(target: Target, start: Start, have: ReadonlySet<string>, own: Partial<Topology> | undefined): Promise<Start | { readonly notRun: string }> {
  if (!own) return start;
  const wanted = JSON.stringify(own);
  if (start.mode !== 'reset' || !start.topology || !target.control) return { notRun: `needs reset (its sequences start from a cluster created with ${wanted})` };
  const topology = { ...start.topology, ...own };
  let probe;
  try {
    probe = await target.control('POST', '/reset', resetBody(topology));
  } catch (e) {
    // A hook that fails answers by throwing; a run told to stop stops.
    if (e instanceof Interrupted) throw e;
    return { notRun: `the target could not be reset to ${JSON.stringify(resetBody(topology))}: ${(e as Error).message}` };
  }
  if (probe.status !== 200) return { notRun: `the target refused a reset to ${JSON.stringify(resetBody(topology))}: ${probe.status} ${JSON.stringify(probe.body).slice(0, 200)}` };
  return resetStart(target, have, topology);
}
