import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import type { Target } from '../../api/target.ts';
import { nth, StepCommand } from './command.ts';
import { pollUntil } from '../poll.ts';

/** How long a host may take to report the outcome of a join. */
const JOIN_WAIT_MS = 15_000;

/**
 * Makes a spare host join through its own bootstrap API (`POST <bootstrap_url>/v1/bootstrap/
 * join_cluster`, control protocol `spare-hosts`), through the internal address of a node or a
 * wrong one, with a given internal address: the re-add half of remove → change IP → re-add. A
 * host either takes the request (200) and reports the outcome at `GET <bootstrap_url>/v1/bootstrap`
 * — the documented form — or refuses it at once with a 4xx; the suite accepts both for every
 * refusal of a join (spec/semantics.md, "Joins: synchronous and asynchronous refusals").
 */
export class JoinNode extends StepCommand {
  readonly reqs = ['NODE-ADDR-011', 'NODE-ADDR-012', 'NODE-ADDR-013', 'NODE-ADDR-014', 'NODE-ADDR-017', 'NODE-ADDR-018', 'NODE-ADDR-019'] as const;

  override readonly needs = ['spare-hosts', 'reset'];

  /**
   * @param via the node (by index) whose internal address the join names, or `'external'` for
   *   an address of no node (203.0.113.77: the join fails with connect_error).
   * @param addr the joining node's internal address: `'own'` for the host's first address of the
   *   cluster's family, or a literal.
   */
  constructor(
    readonly via: number | 'external',
    readonly addr: 'own' | string,
    /** External addresses the joining node asks for. */
    readonly external?: readonly string[],
  ) {
    super();
  }

  private spare = (m: Readonly<Model>) => nth(Object.values(m.state.hosts).filter((h) => h.nodeUid === null && m.bootstrapUrls.has(h.id)).map((h) => h.id).sort(), 0);

  protected override applies(m: Readonly<Model>): boolean {
    return this.spare(m) !== undefined && Object.values(m.state.nodes).some((n) => n.status === 'active');
  }

  step(m: Model): StepSpec {
    const hostId = this.spare(m)!;
    const nodes = Object.values(m.state.nodes).filter((n) => n.status === 'active');
    const through = nth(nodes, this.via === 'external' ? 0 : this.via)!;
    const via = this.via === 'external' ? '203.0.113.77' : through.addr;
    const own = m.state.hosts[hostId]!.boundAddrs.find((a) => a.includes(':') === (m.state.family === 'ipv6'));
    const addr = this.addr === 'own' ? own : this.addr;
    const url = m.bootstrapUrls.get(hostId)!;
    return {
      commands: [{ type: 'JoinNode', data: { hostId, via, addr, ...(this.external ? { externalAddrs: this.external } : {}) } }],
      request: {
        via: 'host',
        base: url,
        method: 'POST',
        path: '/v1/bootstrap/join_cluster',
        body: { action: 'join_cluster', cluster: { nodes: [via] }, node: { identity: { addr, ...(this.external ? { external_addr: this.external } : {}) } } },
      },
      before: (target) => bootstrapStatus(target, url),
      verdict: (target, before) => joinOutcome(target, url, before),
    };
  }

  toString(): string {
    return `JoinNode(via ${this.via === 'external' ? 'an address of no node' : `node #${this.via}`}, ${this.addr === 'own' ? "the host's own address" : JSON.stringify(this.addr)}${this.external ? `, external ${JSON.stringify(this.external)}` : ''})`;
  }
}

const bootstrapStatus = async (target: Target, url: string) => (await target.host!(url, 'GET', '/v1/bootstrap')).body?.bootstrap_status;

/** How long an outcome that reads exactly as the one before the request is taken as still that one. */
const SAME_AS_BEFORE_MS = 500;

/**
 * Polls the host's bootstrap status until this join has completed or failed. A host takes the
 * join first and works after, so right after the request it may still show the previous
 * attempt's outcome: one identical to what it showed before counts only once it has stayed so
 * for a while (the same failure again reads the same).
 */
async function joinOutcome(target: Target, url: string, before: unknown): Promise<{ accepted: boolean; error_code?: string }> {
  const previous = JSON.stringify(before);
  const { value: status, done } = await pollUntil(
    () => bootstrapStatus(target, url),
    (s, elapsed) => (s?.state === 'completed' || s?.state === 'error') && (JSON.stringify(s) !== previous || elapsed > SAME_AS_BEFORE_MS),
    { timeoutMs: JOIN_WAIT_MS },
  );
  if (!done) return { accepted: false, error_code: `still ${status?.state ?? 'unknown'} after ${JOIN_WAIT_MS} ms` };
  return status.state === 'completed' ? { accepted: true } : { accepted: false, error_code: status.error_code };
}
