import type { Answer, Target } from '../../api/target.ts';
import { DATABASE_PENDING } from '../observe.ts';
import { pollUntil } from '../poll.ts';
import { readCluster, restorableFacts, type ObservedCluster, type ObservedDatabase } from './observed.ts';

/** What a compensation did, and what it could not bring back (each a line a person reads). */
export interface Restoration {
  readonly restored: readonly string[];
  readonly unrestored: readonly string[];
}

export interface RestoreOptions {
  /** A database of the run's own, to delete (its name carries the run's prefix, or the run saw it created). */
  readonly owns: (d: ObservedDatabase) => boolean;
  /** The control capabilities the target offers (power brings a node back up). */
  readonly capabilities: ReadonlySet<string>;
  /** How long to wait for the cluster's own work (a delete) before giving up on it. */
  readonly timeoutMs?: number;
}

const ok = (a: Answer) => a.status >= 200 && a.status < 300;
const said = (a: Answer) => `${a.status}${a.body?.error_code ? ` ${a.body.error_code}` : ''}`;

/** Waits, bounded, until no database is busy; returns what it read last. */
async function settled(target: Target, timeoutMs: number): Promise<ObservedCluster> {
  const { value } = await pollUntil(() => readCluster(target), (c) => !c.databases.some((d) => DATABASE_PENDING.has(d.status)), { timeoutMs, maxIntervalMs: 100 });
  return value;
}

/**
 * Brings the cluster back to `baseline` by compensation — deleting the run's own databases and
 * setting back every setting the run may change — then reads it again to confirm. State-based,
 * not log-based: it reads what is there now, so it also repairs a run cut off in the middle of a
 * step. It touches nothing that already reads as in the baseline.
 */
export async function restore(target: Target, baseline: ObservedCluster, o: RestoreOptions): Promise<Restoration> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const restored: string[] = [];
  const problems: string[] = [];
  let now = await settled(target, timeoutMs);

  const known = new Set(baseline.databases.map((d) => d.uid));
  for (const d of now.databases.filter((d) => !known.has(d.uid) && o.owns(d))) {
    const { value } = await pollUntil(() => target.api('DELETE', `/v1/bdbs/${d.uid}`), (a) => a.status !== 409, { timeoutMs, maxIntervalMs: 200 });
    if (ok(value) || value.status === 404) restored.push(`deleted database ${d.uid} (${d.name})`);
    else problems.push(`database ${d.uid} (${d.name}): DELETE answered ${said(value)}`);
  }

  if (now.policy.dataInternodeEncryption !== baseline.policy.dataInternodeEncryption) {
    const a = await target.api('PUT', '/v1/cluster/policy', { data_internode_encryption: baseline.policy.dataInternodeEncryption });
    (ok(a) ? restored : problems).push(`policy data_internode_encryption back to ${baseline.policy.dataInternodeEncryption}${ok(a) ? '' : `: ${said(a)}`}`);
  }

  const fields = { cmPort: 'cm_port', cnmHttpPort: 'cnm_http_port', cnmHttpsPort: 'cnm_https_port', httpSupport: 'http_support' } as const;
  const cluster: Record<string, unknown> = {};
  for (const [k, api] of Object.entries(fields)) {
    const want = baseline.config[k as keyof typeof fields];
    if (now.config[k as keyof typeof fields] !== want) cluster[api] = want;
  }
  const alerts: Record<string, unknown> = {};
  for (const [k, api] of [['clusterCertsAboutToExpire', 'cluster_certs_about_to_expire'], ['nodeInternalCertsAboutToExpire', 'node_internal_certs_about_to_expire']] as const) {
    const want = baseline.alerts[k];
    if (JSON.stringify(now.alerts[k]) !== JSON.stringify(want)) alerts[api] = { enabled: want.enabled, threshold: String(want.thresholdDays) };
  }
  if (Object.keys(alerts).length) cluster.alert_settings = alerts;
  if (Object.keys(cluster).length) {
    const a = await target.api('PUT', '/v1/cluster', cluster);
    (ok(a) ? restored : problems).push(`cluster settings back to ${JSON.stringify(cluster)}${ok(a) ? '' : `: ${said(a)}`}`);
  }

  for (const was of baseline.nodes) {
    const node = now.nodes.find((n) => n.uid === was.uid);
    if (!node) continue;
    const power = async (state: 'up' | 'down') => (o.capabilities.has('power') ? ok(await target.control!('POST', `/nodes/${was.uid}/power`, { state })) : false);
    if (node.addr !== was.addr && o.capabilities.has('power')) {
      await power('down');
      const a = await target.api('PUT', `/v1/nodes/${was.uid}`, { addr: was.addr });
      (ok(a) ? restored : problems).push(`node ${was.uid} internal address back to ${was.addr}${ok(a) ? '' : `: ${said(a)}`}`);
    }
    if (JSON.stringify(node.externalAddrs) !== JSON.stringify(was.externalAddrs)) {
      const a = await target.api('PUT', `/v1/nodes/${was.uid}`, { external_addr: was.externalAddrs });
      (ok(a) ? restored : problems).push(`node ${was.uid} external addresses back to ${JSON.stringify(was.externalAddrs)}${ok(a) ? '' : `: ${said(a)}`}`);
    }
    const nodeNow = (await target.api('GET', `/v1/nodes/${was.uid}`)).body?.status;
    if (nodeNow !== was.status && (was.status === 'active' || was.status === 'down')) {
      (await power(was.status === 'active' ? 'up' : 'down')) ? restored.push(`node ${was.uid} powered ${was.status === 'active' ? 'up' : 'down'}`) : problems.push(`node ${was.uid} is ${nodeNow}, was ${was.status}`);
    }
  }

  now = await settled(target, timeoutMs);
  return { restored, unrestored: [...problems, ...differences(baseline, now, o.owns)] };
}

/** Where `now` differs from `baseline` in what the run promised to leave alone, one line each. */
export function differences(baseline: ObservedCluster, now: ObservedCluster, owns: (d: ObservedDatabase) => boolean): string[] {
  const before = restorableFacts(baseline);
  const after = restorableFacts(now);
  const out: string[] = [];
  const known = new Set(baseline.databases.map((d) => d.uid));
  for (const d of now.databases.filter((d) => !known.has(d.uid) && owns(d))) out.push(`database ${d.uid} (${d.name}) of this run is still there`);
  const ofBaseline = { ...after, databases: after.databases.filter((d) => known.has(d.uid)) };
  for (const k of Object.keys(before) as (keyof typeof before)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(ofBaseline[k])) out.push(`${k}: was ${JSON.stringify(before[k])}, now ${JSON.stringify(ofBaseline[k])}`);
  }
  return out;
}
