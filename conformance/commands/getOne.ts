import { reject } from '../../domain/rejections.ts';
import { compareAlertObject } from '../alertObjects.ts';
import { Comparison } from '../comparison.ts';
import { databaseFacts, nodeAlertExpectation, nodeCertificateAlert, nodeFacts } from '../expected.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { DATABASE_PENDING, shownDatabase, shownNode } from '../observe.ts';
import type { Probe } from '../probe.ts';
import { MISSING } from './command.ts';
import { pickName, pickUid } from './command.ts';
import { ProbeCommand } from './probeCommand.ts';

/** The single-object reads the API has and the model predicts. */
export type Resource = 'node' | 'bdb' | 'node-alerts';

const PATHS: Record<Resource, string> = { node: '/v1/nodes/', bdb: '/v1/bdbs/', 'node-alerts': '/v1/nodes/alerts/' };

/** A pick that names the entity the sequence's last change was sent about: a read after a write. */
export const LAST_WRITTEN = -2;

/** Where a change about a node or a database names it (the target's uid). */
const WRITES = {
  databases: [/^\/v1\/bdbs\/(\d+)$/],
  nodes: [/^\/v1\/nodes\/(\d+)(?:\/|$)/, /^\/nodes\/(\d+)\/power$/],
};

/**
 * The target uid the last change of the sequence named, and the model's uid for it (none once it
 * is gone: removed, deleted), or undefined where no change named one yet.
 */
function lastWritten(m: Readonly<Model>, kind: 'nodes' | 'databases'): { target: string; model: string | undefined } | undefined {
  const last = m.trace.findLast((t) => t.method !== 'GET' && WRITES[kind].some((r) => r.test(t.path)));
  const target = last && WRITES[kind].map((r) => r.exec(last.path)?.[1]).find((u) => u !== undefined);
  if (target === undefined) return undefined;
  const mapped = kind === 'databases' ? m.databases : m.nodes;
  // Nodes a cluster the suite reset are numbered alike (no map); a database always has its entry.
  const model = [...mapped].find(([, t]) => t === target)?.[0] ?? (kind === 'nodes' && mapped.size === 0 ? target : undefined);
  return { target, model: model !== undefined && m.state[kind][model] ? model : undefined };
}

/**
 * `GET /v1/nodes/{uid}`, `GET /v1/bdbs/{uid}`, `GET /v1/nodes/alerts/{uid}` of an entity that
 * exists or of one that does not (404 in the API's error shape): a read, so nothing changes. The
 * object read alone must show what the list shows — the same decided facts — so a target whose
 * single read is served from elsewhere (a cache, another node's stale copy) is caught.
 */
export class GetOne extends ProbeCommand {
  readonly reqs: readonly string[];

  constructor(
    readonly resource: Resource,
    readonly pick: number,
  ) {
    super();
    this.reqs = {
      node: ['NODE-ADDR-002', 'NODE-LIFE-001', 'NODE-LIFE-002', 'API-ERR-001'],
      bdb: ['DB-LIFE-001', 'ENC-DATA-001', 'PORT-DB-006', 'API-ERR-001'],
      'node-alerts': ['CERT-ALR-001', 'NODE-LIFE-002', 'API-ERR-001'],
    }[resource];
  }

  private get kind() {
    return this.resource === 'bdb' ? ('databases' as const) : ('nodes' as const);
  }

  protected override applies(m: Readonly<Model>): boolean {
    return this.pick === LAST_WRITTEN ? lastWritten(m, this.kind) !== undefined : pickUid(m, this.kind, this.pick) !== undefined;
  }

  /** The model's uid (none: predicted missing) and the target's uid the read names. */
  private named(m: Readonly<Model>): { uid: string | undefined; targetUid: string } {
    if (this.pick === LAST_WRITTEN) {
      const w = lastWritten(m, this.kind)!;
      return { uid: w.model, targetUid: w.target };
    }
    const uid = pickUid(m, this.kind, this.pick)!;
    return { uid: this.pick === MISSING ? undefined : uid, targetUid: this.kind === 'databases' ? m.targetDb(uid) : m.targetNode(uid) };
  }

  /** The target's uid the read named, once it ran: what a counterexample prints (`GET /v1/nodes/2` is node 2). */
  #shown: string | undefined;

  probe(m: Model): Omit<Probe, 'label' | 'reqs'> {
    const { uid, targetUid } = this.named(m);
    this.#shown = `${targetUid}${uid === undefined ? ' (missing)' : ''}${this.pick === LAST_WRITTEN ? ', last written' : ''}`;
    const request = { method: 'GET', path: `${PATHS[this.resource]}${targetUid}` };
    const missing = uid === undefined;
    if (missing) return { request, refusal: this.kind === 'databases' ? reject.databaseNotFound(targetUid) : reject.nodeNotFound(targetUid) };
    const label = `GET ${request.path} (${this.toString()})`;
    return { request, compare: (answer) => compareOne(this.resource, m, uid, targetUid, answer.body, label, this.reqs) };
  }

  toString(): string {
    return `GetOne(${this.resource} ${this.#shown ?? (this.pick === LAST_WRITTEN ? 'last written' : pickName(this.pick))})`;
  }
}

/** Throws `Mismatch` where the object read differs from the model's facts of it. */
export function compareOne(resource: Resource, m: Readonly<Model>, uid: string, targetUid: string, body: any, label: string, reqs: readonly string[]): void {
  const s = m.state;
  if (resource === 'node') {
    const expected = { ...nodeFacts(s.nodes[uid]!, s.family), uid: Number(targetUid) };
    const actual = shownNode(body ?? {});
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Mismatch(label, expected, actual, reqs);
  } else if (resource === 'bdb') {
    const expected = { ...databaseFacts(s.databases[uid]!), uid: Number(targetUid) };
    const actual = { ...shownDatabase(body ?? {}), uid: body?.uid };
    // A status still pending on the target where the model has finished is only slower.
    const pendingOnly = DATABASE_PENDING.has(actual.status) && expected.status === 'active';
    const same = JSON.stringify({ ...actual, status: pendingOnly ? expected.status : actual.status }) === JSON.stringify(expected);
    if (!same) throw new Mismatch(label, expected, actual, reqs);
  } else {
    const expected = nodeCertificateAlert(s, s.nodes[uid]!);
    const actual = body?.node_internal_certs_about_to_expire?.state;
    if (actual !== expected) throw new Mismatch(label, { node_internal_certs_about_to_expire: { state: expected } }, { node_internal_certs_about_to_expire: { state: actual } }, reqs);
    // The rest of the alert object as the list's is compared (conformance/alertObjects.ts).
    compareAlertObject(new Comparison('the single read'), label, 'node_internal_certs_about_to_expire', body?.node_internal_certs_about_to_expire, nodeAlertExpectation(s, s.nodes[uid]!, targetUid));
  }
}
