import { portOwner } from '../../domain/rules/ports.ts';
import type { ClusterState } from '../../domain/state.ts';

/**
 * The explicit ports the suite's commands ask for that must be free for their meaning (a
 * database created on a free port of the range, or outside it; `cm_port` moved to a free port).
 * The others they name (3342, 9443, 20000, 80) are meant to be taken or invalid, whatever the cluster.
 */
export const FREE_PORTS = [12_000, 12_001, 12_002, 6379, 8500] as const;

/**
 * Nominal port → the port the run asks for on this cluster: the nominal one where the cluster
 * shows it free, else the next port it shows free (not a database's, not a cluster port, not
 * reserved by the rules nor listed in the cluster's own `reserved_ports`). Pure.
 */
export function explicitPorts(state: ClusterState, reserved: readonly number[]): Map<number, number> {
  const taken = new Set<number>(reserved);
  // Another nominal port is left to its own command.
  const free = (p: number, nominal: number) => !taken.has(p) && portOwner(state, p) === null && (p === nominal || !(FREE_PORTS as readonly number[]).includes(p));
  const out = new Map<number, number>();
  for (const nominal of FREE_PORTS) {
    let p = nominal;
    while (p < 65_535 && !free(p, nominal)) p++;
    out.set(nominal, p);
    taken.add(p);
  }
  return out;
}
