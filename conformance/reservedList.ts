import type { ClusterState } from '../domain/state.ts';
import { ports } from './adopt/observed.ts';
import { reservedListFacts } from './expected.ts';
import type { Comparison } from './comparison.ts';

export const RESERVED_LIST_REQS = ['PORT-TBL-003'] as const;

/**
 * The ports a cluster object lists as its own (`system_reserved_ports`) against the least the
 * spec decides it lists (PORT-TBL-003, `reservedListFacts`): each configured API and UI port,
 * and a port of each fixed range of the port tables. Whatever else it lists is the cluster's.
 */
export function compareReservedList(c: Comparison, cluster: any, s: ClusterState): void {
  const listed = new Set(ports(cluster?.system_reserved_ports));
  const reserved = reservedListFacts(s);
  const shown = <T>(ok: boolean, what: T) => (ok ? what : { system_reserved_ports: [...listed] });
  for (const [field, port] of Object.entries(reserved.configured)) {
    c.fact('GET /v1/cluster', `system_reserved_ports has ${field}`, port, shown(listed.has(port), port), RESERVED_LIST_REQS);
  }
  for (const r of reserved.ranges) {
    const range = r.from === r.to ? `${r.from}` : `one of ${r.from}-${r.to}`;
    const any = Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i).some((p) => listed.has(p));
    c.fact('GET /v1/cluster', `system_reserved_ports has ${range}`, range, shown(any, range), RESERVED_LIST_REQS);
  }
}
