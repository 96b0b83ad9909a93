import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import type { Target } from '../../api/target.ts';
import { nth, StepCommand } from './command.ts';
import { described, resolveAddress, type AddressHolder, type Drawn, type Resolved } from './held.ts';
import { describedAddressList, resolveAddressList, sentValue, type AddressList, type SentList } from './addressList.ts';
import { adoptJoinedNode } from '../choices.ts';
import { pollUntil } from '../poll.ts';
import { requestTo } from '../../domain/requests.ts';

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

  /** What was last sent, and where each value came from. */
  #sent: { host?: string; via?: Resolved<string>; addr?: Resolved<string | undefined>; external?: SentList } = {};

  /**
   * @param via the address the join names: a node's internal address (held `internal`: one that
   *   is down fails with connect_error), another holder's, or a literal (an address of no node).
   * @param addr the joining node's internal address: `'own'` for the host's first address of the
   *   cluster's family, a held one or a literal.
   */
  constructor(
    readonly via: Drawn<string, AddressHolder>,
    readonly addr: 'own' | Drawn<string, AddressHolder>,
    /** External addresses the joining node asks for. */
    readonly external?: AddressList,
  ) {
    super();
  }

  private spare = (m: Readonly<Model>) => nth(Object.values(m.state.hosts).filter((h) => h.nodeUid === null && m.bootstrapUrls.has(h.id)).map((h) => h.id).sort(), 0);

  protected override applies(m: Readonly<Model>): boolean {
    return this.spare(m) !== undefined && Object.values(m.state.nodes).some((n) => n.status === 'active');
  }

  step(m: Model): StepSpec {
    const hostId = this.spare(m)!;
    const subject = { host: hostId };
    const own = m.state.hosts[hostId]!.boundAddrs.find((a) => a.includes(':') === (m.state.family === 'ipv6'));
    this.#sent = {
      host: hostId,
      via: resolveAddress(m, this.via, subject),
      addr: this.addr === 'own' ? { value: own, from: "the host's own address" } : resolveAddress(m, this.addr, subject),
      ...(this.external ? { external: resolveAddressList(m, this.external, subject) } : {}),
    };
    const via = this.#sent.via!.value;
    const addr = this.#sent.addr!.value;
    const external = this.#sent.external && sentValue(this.#sent.external);
    const url = m.bootstrapUrls.get(hostId)!;
    // The target's list of nodes once the join completed: the uid it gave the new node is its choice.
    let listed: unknown;
    return {
      commands: [{ type: 'JoinNode', data: { hostId, via, addr, ...(external ? { externalAddrs: external } : {}) } }],
      request: {
        ...requestTo('JoinNode'),
        base: url,
        body: { action: 'join_cluster', cluster: { nodes: [via] }, node: { identity: { addr, ...(external ? { external_addr: external } : {}) } } },
      },
      before: (target) => bootstrapStatus(target, url),
      verdict: async (target, before) => {
        const outcome = await joinOutcome(target, url, before);
        if (outcome.accepted) listed = (await target.api('GET', '/v1/nodes')).body;
        return outcome;
      },
      adopt: (m, _answer, decision) => {
        const joined = decision.events.find((e) => e.type === 'NodeJoined')!.data as { uid: string; addr: string };
        adoptJoinedNode(m, this.toString(), joined.uid, joined.addr, listed);
      },
    };
  }

  toString(): string {
    const s = this.#sent;
    const addr = this.addr === 'own' && !s.addr ? "the host's own address" : described(s.addr, this.addr);
    return `JoinNode(${s.host ?? 'a spare host'} via ${described(s.via, this.via)}, ${addr}${this.external ? `, external ${describedAddressList(s.external, this.external)}` : ''})`;
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
