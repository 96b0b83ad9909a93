import { canonicalAddress } from '../domain/rules/address.ts';
import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import type { Target } from '../api/target.ts';

/** The commands after which a host's own view may read otherwise: it joins, its node goes, its addresses change. */
const HOST_COMMANDS: ReadonlySet<string> = new Set(['JoinNode', 'RemoveNode', 'SetHostAddresses', 'AddHost']);

/** Whether a step, or the work it let finish, changed what a host's bootstrap view shows. */
export const changesHosts = (commands: readonly Command[], settled: readonly DomainEvent[]): boolean =>
  commands.some((c) => HOST_COMMANDS.has(c.type)) || settled.some((e) => e.type === 'NodeRemoved');

/**
 * Reads every host's own API (`GET <bootstrap_url>/v1/bootstrap`, control protocol "Bootstrap"),
 * the spare hosts' above all: a join reads only the host it joins, and only once it has tried,
 * so a host that never bootstrapped — every spare host after a reset — was never read. A node's
 * host reads `completed`; a spare host `idle` after a reset (`fresh`), else `idle` or `error`
 * (the model keeps no record of a failed attempt); each lists, among its available addresses,
 * every address the model has bound on it — the addresses a join may name (NODE-ADDR-017).
 */
export async function observeHosts(model: Model, target: Target, after: string, fresh = false): Promise<void> {
  if (!target.host) return;
  for (const [hostId, url] of [...model.bootstrapUrls].sort(([a], [b]) => a.localeCompare(b))) {
    const host = model.state.hosts[hostId];
    if (!host) continue;
    const read = `GET ${url}/v1/bootstrap after ${after}`;
    const a = await target.host(url, 'GET', '/v1/bootstrap');
    const status = a.body?.bootstrap_status;
    if (a.status !== 200 || typeof status !== 'object' || status === null) throw new Mismatch(read, '200 with a bootstrap_status object', a, ['API-ERR-001']);
    const node = host.nodeUid === null ? undefined : model.targetNode(host.nodeUid);
    const expected = node !== undefined ? ['completed'] : fresh ? ['idle'] : ['idle', 'error'];
    if (!expected.includes(status.state)) {
      throw new Mismatch(`${read}: the state of ${node !== undefined ? `node ${node}'s host ${hostId}` : `spare host ${hostId}`}`, expected.join(' or '), status.state, ['NODE-ADDR-012']);
    }
    const listed = Array.isArray(a.body.local_node_info?.available_addresses) ? a.body.local_node_info.available_addresses.map((x: any) => canonicalAddress(x?.address)) : [];
    const missing = host.boundAddrs.filter((x) => !listed.includes(canonicalAddress(x)));
    if (missing.length) throw new Mismatch(`${read}: local_node_info.available_addresses of ${hostId}`, `to list ${JSON.stringify(host.boundAddrs)}`, listed, ['NODE-ADDR-017']);
  }
}
