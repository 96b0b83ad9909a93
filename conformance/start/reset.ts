import { topologyCommands, type Topology } from '../../core/topology.ts';
import type { Command } from '../../domain/commands.ts';
import { DEFAULT_CONFIG } from '../../domain/state.ts';
import type { Coverage } from '../coverage.ts';
import { Model } from '../model.ts';
import { logLength, observe } from '../observe.ts';
import { observeHosts } from '../hostViews.ts';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import { reservedPortsOf } from '../adopt/observed.ts';
import { explicitPorts } from '../adopt/ports.ts';
import type { Start } from './start.ts';

/** The control protocol's reset to a topology (as `prepare` sends it, and a reproducer replays it). */
export const resetBody = (t: Topology) => ({ nodes: t.nodes, spare_hosts: t.spareHosts, use_internal_ipv6: t.useInternalIpv6 ?? false });

/**
 * Where the target serves its API is its own: a cluster may have been set up on other ports than
 * the defaults, and a mock serves wherever it could listen. The model starts from the ports the
 * target reports after the reset; every change after that is predicted.
 */
function apiPorts(cluster: any): Command[] {
  const ports = { cnmHttpPort: cluster?.cnm_http_port, cnmHttpsPort: cluster?.cnm_https_port };
  const known = Object.fromEntries(Object.entries(ports).filter(([k, v]) => Number.isInteger(v) && v !== DEFAULT_CONFIG[k as keyof typeof ports]));
  return Object.keys(known).length ? [{ type: 'ConfigureCluster', data: known }] : [];
}

/**
 * Every sequence starts from a reset: the target is brought to the starting topology and the model
 * built of it — the same commands the target was asked to follow, decided by the machines, at the
 * target's own clock.
 */
export function resetStart(target: Target, capabilities: ReadonlySet<string>, topology: Topology): Start {
  return {
    mode: 'reset',
    topology,
    preamble: [{ via: 'control', method: 'POST', path: '/reset', body: resetBody(topology), step: 'reset to the starting topology' }],
    async prepare(coverage?: Coverage): Promise<Model> {
      const reset = await target.control!('POST', '/reset', resetBody(topology));
      if (reset.status !== 200) throw new TargetUnreachable(`control reset answered ${reset.status}: ${JSON.stringify(reset.body)}`);
      // Asking to move the clock by nothing tells where it is.
      const clock = await target.control!('POST', '/clock', { advance_days: 0 });
      const now = Date.parse(clock.body?.now);
      if (Number.isNaN(now)) throw new TargetUnreachable(`control clock answered ${clock.status}: ${JSON.stringify(clock.body)}`);
      const model = new Model(capabilities, coverage);
      if (target.ports) model.suitePorts = new Set(target.ports);
      const cluster = (await target.api('GET', '/v1/cluster')).body;
      // The reset built the topology its own way (the control protocol), not through the requests
      // its transitions stand for: they do not count as taken on the target.
      const { decision: built } = model.predict([...topologyCommands(topology, now), ...apiPorts(cluster)]);
      if (!built.ok) throw new Error(`The model refuses the starting topology: ${built.rejection.description}`);
      model.accept(built);
      for (const h of Array.isArray(reset.body) ? reset.body : []) if (typeof h?.bootstrap_url === 'string') model.bootstrapUrls.set(h.host, h.bootstrap_url);
      await observe(model, target, 'reset');
      await observeHosts(model, target, 'reset', true);
      // Even a cluster reset by a lab's hook may keep ports of its own: ask for ones it shows free.
      for (const [nominal, port] of explicitPorts(model.state, reservedPortsOf(cluster))) model.ports.set(nominal, port);
      model.logLength = await logLength(target);
      return model;
    },
  };
}
