import { canonicalAddress } from '../../domain/rules/address.ts';
import type { Target } from '../../api/target.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { nothingChanged, sendProbe, type Probe } from '../probe.ts';
import type { Refusal } from '../profile.ts';
import { SuiteCommand } from './command.ts';
import { caseId, CONTROL_CASES, type ControlCase, type Sent } from './controlCases.ts';

/**
 * The target serves the control protocol itself (not the suite from operator hooks): only then
 * are its refusals of malformed control requests its own, and checked. Derived by the suite, as
 * `plain-http` is, never listed by a target.
 */
export const OWN_CONTROL = 'own-control';

/** Which control operations each capability guards, so a case is drawn only where it is offered. */
const offered = (m: Readonly<Model>, c: ControlCase) => m.capabilities.has(c.operation) && !(c.operation === 'crash' && m.workHeld);

/** The refusal a case expects: the model's, where a command of it carries the request, else spec/control.md's. */
function expected(m: Readonly<Model>, c: ControlCase, sent: Sent): Refusal {
  if (!sent.commands) return sent.refusal!;
  const { decision } = m.predict(sent.commands);
  if (decision.ok) throw new Error(`control case "${c.name}": the model accepts ${JSON.stringify(sent.commands)}; it is not malformed`);
  return decision.rejection;
}

/**
 * The hosts as the control protocol lists them must be the model's, address for address: a
 * refused change of a host's addresses, or a refused spare host, left them as they were.
 */
async function compareHosts(m: Readonly<Model>, target: Target, label: string): Promise<void> {
  const a = await target.control!('GET', '/hosts');
  const read = `GET /control/v1/hosts after ${label}`;
  if (a.status !== 200 || !Array.isArray(a.body)) throw new Mismatch(read, '200 with a list of hosts', a, ['API-ERR-003']);
  const shown = new Map<string, string[]>(a.body.map((h: any) => [String(h?.host), Array.isArray(h?.addresses) ? h.addresses.map(canonicalAddress).sort() : []]));
  const want = Object.values(m.state.hosts).map((h) => [h.id, h.boundAddrs.map(canonicalAddress).sort()] as const);
  if (shown.size !== want.length) throw new Mismatch(`${read}: the hosts`, want.map(([id]) => id), [...shown.keys()], ['API-ERR-003', 'API-ERR-002']);
  for (const [id, addrs] of want) {
    if (JSON.stringify(shown.get(id)) !== JSON.stringify(addrs)) throw new Mismatch(`${read}: the addresses of ${id}`, addrs, shown.get(id), ['API-ERR-003', 'API-ERR-002']);
  }
}

/**
 * Malformed requests to the control protocol (API-ERR-003): each field of an operation of the
 * wrong type or out of range, a malformed or unknown host, node or port, a missing or unknown
 * field, a body that is not a JSON object, the clock moved back. Each must be refused as
 * spec/control.md says — the model's refusal where one of its commands carries the request — in
 * the error shape, and change nothing: once all are answered, the state the model still predicts
 * is read (one observation for all: requests are cheap, a whole read of the state is not).
 */
export class ControlRefusal extends SuiteCommand {
  readonly reqs = ['API-ERR-003'] as const;

  // A malformed request a target took anyway may change what the suite cannot put back.
  override readonly needs = ['reset', OWN_CONTROL];

  /** @param cases ids of `CONTROL_CASES` (`caseId`), sent in order; those of an operation the target lacks are not. */
  constructor(readonly cases: readonly string[]) {
    super();
  }

  #of = (id: string) => {
    const c = CONTROL_CASES.find((k) => caseId(k) === id);
    if (!c) throw new Error(`no control case ${id}`);
    return c;
  };

  #sendable = (m: Readonly<Model>) => this.cases.map(this.#of).filter((c) => offered(m, c));

  protected override applies(m: Readonly<Model>): boolean {
    return this.#sendable(m).length > 0;
  }

  async run(m: Model, target: Target): Promise<void> {
    const cases = this.#sendable(m);
    let last: Probe | undefined;
    for (const c of cases) {
      const sent = c.send(m);
      last = {
        label: `ControlRefusal(${caseId(c)})`,
        reqs: this.reqs,
        request: { via: 'control', method: sent.method, path: sent.path, ...(sent.body !== undefined ? { body: sent.body } : {}) },
        refusal: expected(m, c, sent),
      };
      await sendProbe(m, target, last);
    }
    if (!last) return;
    const label = this.toString();
    await nothingChanged(m, target, { ...last, label });
    if (cases.some((c) => c.operation === 'host-addresses' || c.operation === 'spare-hosts')) await compareHosts(m, target, label);
  }

  toString(): string {
    const ops = [...new Set(this.cases.map((id) => this.#of(id).operation))];
    return `ControlRefusal(${ops.join(', ')}: ${this.cases.length} malformed request${this.cases.length === 1 ? '' : 's'})`;
  }
}
