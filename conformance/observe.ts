import { narrow } from './blame.ts';
import { alertSettingFacts, CLUSTER_ALERT_REQS, clusterAlertExpectation, clusterFacts, databaseFacts, nodeAlertExpectation, nodeCertificateAlert, nodeCertificatesAboutToExpire, nodeFacts, policyFacts } from './expected.ts';
import { compareReservedList, RESERVED_LIST_REQS } from './reservedList.ts';
import { compareServiceCertificates, SERVICE_NAME_REQS, shownServiceCertificates } from './serviceCertificates.ts';
import { ALERT_COVERAGE_REQS, ALERT_OBJECT_REQS, ALERT_SETTING_REQS, compareAlertObject } from './alertObjects.ts';
import { compareUptime, UPTIME_REQS, type UptimeRead } from './uptime.ts';
import { Comparison } from './comparison.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import type { Command } from '../domain/commands.ts';
import type { Target } from '../api/target.ts';

/** The same decided fields, read from what the target answered. */
export const shownNode = (n: any) => ({ uid: n.uid, addr: n.addr, external_addr: [...(n.external_addr ?? [])].sort(), status: n.status, use_internal_ipv6: n.use_internal_ipv6 });
const shownCluster = (c: any) => ({ cm_port: c?.cm_port, cnm_http_port: c?.cnm_http_port, cnm_https_port: c?.cnm_https_port, http_support: c?.http_support });
export const shownDatabase = (d: any) => ({ name: d.name, data_internode_encryption: d.data_internode_encryption, status: d.status, port: d.port, endpoint_port: d.endpoints?.[0]?.port });
/** A threshold as the API spells it (a string of days) or as a number: the days it stands for. */
const shownSetting = (a: any) => ({ enabled: a?.enabled, threshold: a?.threshold === undefined ? undefined : Number(a.threshold) });

/** A database's statuses while the cluster works on it. */
export const DATABASE_PENDING: ReadonlySet<string> = new Set(['pending', 'active-change-pending', 'delete-pending']);

/** The requirements that decide each observed field: a field that differs names these (narrowed to the step's). */
const FIELD_REQS = {
  nodes: ['NODE-LIFE-002', 'NODE-ADDR-012'],
  addr: ['NODE-ADDR-002', 'NODE-ADDR-005', 'NODE-ADDR-009'],
  external_addr: ['NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010'],
  useInternalIpv6: ['NODE-ADDR-013'],
  nodeStatus: ['NODE-LIFE-001', 'NODE-LIFE-002', 'NODE-LIFE-005', 'NODE-LIFE-006', 'NODE-ADDR-008'],
  databases: ['DB-LIFE-001'],
  name: ['DB-LIFE-001'],
  databaseStatus: ['DB-LIFE-001'],
  /** A database's encryption after it already existed: changed only by its own update (see `encryptionReqs`). */
  data_internode_encryption: ['ENC-DATA-002', 'ENC-DATA-005', 'ENC-DATA-007'],
  /** At creation: as asked, else the policy, else off. */
  createdEncryption: ['ENC-DATA-001', 'ENC-DATA-004', 'ENC-DATA-006'],
  port: ['PORT-DB-006'],
  dns_name: ['DB-LIFE-003'],
  /** A documented field stored as sent (the bdb object's settings). */
  settings: ['DB-LIFE-001'],
  endpoint_port: ['PORT-DB-001', 'PORT-DB-002', 'PORT-DB-003', 'PORT-DB-004'],
  cm_port: ['PORT-CM-001'],
  cnm_http_port: ['PORT-CM-003'],
  cnm_https_port: ['PORT-CM-003'],
  http_support: ['PORT-HTTP-002', 'PORT-HTTP-003'],
  alert_settings: ['CERT-ALR-002'],
  /** An alert the model raises that the target does not: the raise rule. */
  alertMissing: ['CERT-ALR-001'],
  /** An alert the target raises that the model does not (any more): the raise rule, or the clear on reissue. */
  alertExtra: ['CERT-ALR-001', 'CERT-ALR-003'],
  aboutToExpire: ['CERT-ALR-004'],
  policy: ['ENC-DATA-004'],
  // Compared by their own modules (reservedList.ts, uptime.ts, serviceCertificates.ts, alertObjects.ts).
  system_reserved_ports: RESERVED_LIST_REQS,
  uptime: UPTIME_REQS,
  serviceNames: SERVICE_NAME_REQS,
  alertObject: [...ALERT_OBJECT_REQS, ...ALERT_SETTING_REQS, ...ALERT_COVERAGE_REQS, ...CLUSTER_ALERT_REQS],
} as const;

/** What the log read after a step compares (conformance/logCheck.ts), and that a refusal changed nothing. */
export const LOG_REQS = ['API-LOG-001', 'API-ERR-002'] as const;

/**
 * What every step checks by reading the state after it, whatever the command: the requirements
 * of the fields it compares. A requirement counts as exercised by a step only when a comparison
 * of it ran there and held (see `observe`'s result).
 */
export const OBSERVED_REQS: readonly string[] = [...new Set([...Object.values(FIELD_REQS).flat(), ...LOG_REQS])].sort();

/** How many entries `GET /v1/logs` holds now. */
export async function logLength(target: Target): Promise<number> {
  const logs = await target.api('GET', '/v1/logs');
  return Array.isArray(logs.body) ? logs.body.length : -1;
}

/**
 * Which rule decides a database's encryption as read now: for one the step created, the value it
 * asked for (ENC-DATA-006), else the policy's when that is on (ENC-DATA-004), else off
 * (ENC-DATA-001); for one that existed before, its own updates and nothing else (ENC-DATA-002,
 * -005, -007).
 */
function encryptionReqs(c: Comparison, where: string, commands: readonly Command[], policy: boolean): readonly string[] {
  if (c.previous.has(`GET /v1/bdbs ${where} data_internode_encryption`) || !commands.some((x) => x.type === 'CreateDatabase')) return FIELD_REQS.data_internode_encryption;
  const asked = commands.some((x) => x.type === 'CreateDatabase' && x.data.dataInternodeEncryption !== undefined);
  return asked ? ['ENC-DATA-006'] : policy ? ['ENC-DATA-004'] : ['ENC-DATA-001'];
}

/** `GET /v1/nodes` and `GET /v1/bdbs` as read just now (answered 200 with a list each), by the wait for the target's work. */
export interface Settled {
  readonly nodes: readonly any[];
  readonly bdbs: readonly any[];
  /** When the read of the two lists was sent and answered: what a node's uptime is bounded by. */
  readonly sentAt: number;
  readonly answeredAt: number;
}

/** A read that must answer 200 with a body of the given shape; anything else is the failure itself. */
async function read(target: Target, path: string, after: string, shape: 'list' | 'object'): Promise<any> {
  const a = await target.api('GET', path);
  const ok = a.status === 200 && (shape === 'list' ? Array.isArray(a.body) : typeof a.body === 'object' && a.body !== null && !Array.isArray(a.body));
  if (!ok) throw new Mismatch(`GET ${path} after ${after}`, `200 with ${shape === 'list' ? 'a list' : 'an object'}`, a, ['API-ERR-001']);
  return a.body;
}

/**
 * Compares what the target shows with what the model predicts, one read per resource: nodes,
 * databases with their endpoints' ports, cluster settings with the alert settings, node and
 * cluster certificate alerts, and policy, as the suite's own projection (`expected.ts`) predicts
 * them. Where the spec leaves a choice (list order, uids) it compares only what is decided.
 * Returns the requirements of the facts that held and that changed since the last look.
 */
export async function observe(
  model: Model,
  target: Target,
  after: string,
  focus: readonly string[] = [],
  commands: readonly Command[] = [],
  /** The two lists as the wait for the target's work last read them, with nothing sent since: not read again. */
  settled?: Settled,
): Promise<ReadonlySet<string>> {
  const s = model.state;
  const c = new Comparison(after, focus, (model.shown.get('facts') as Map<string, string> | undefined) ?? new Map());
  const sentAt = settled?.sentAt ?? Date.now();
  const nodes = (settled?.nodes ?? (await read(target, '/v1/nodes', after, 'list'))) as any[];
  const answeredAt = settled?.answeredAt ?? Date.now();
  // Node uids as the target numbers them (a cluster the suite adopted numbered its own).
  const expectedNodes = Object.values(s.nodes)
    .map((n) => ({ ...nodeFacts(n, s.family), uid: Number(model.targetNode(n.uid)) }))
    .sort((a, b) => a.uid - b.uid);
  const actualNodes = nodes.map(shownNode).sort((a, b) => a.uid - b.uid);
  c.fact('GET /v1/nodes', 'the nodes', expectedNodes.map((n) => n.uid), actualNodes.map((n) => n.uid), FIELD_REQS.nodes);
  expectedNodes.forEach((e, i) => {
    const a = actualNodes[i]!;
    c.fact('GET /v1/nodes', `node ${e.uid} addr`, e.addr, a.addr, FIELD_REQS.addr);
    c.fact('GET /v1/nodes', `node ${e.uid} external_addr`, e.external_addr, a.external_addr, FIELD_REQS.external_addr);
    // Read-only, and the same on every node: whether the cluster was created for internal IPv6.
    c.fact('GET /v1/nodes', `node ${e.uid} use_internal_ipv6`, e.use_internal_ipv6, a.use_internal_ipv6, FIELD_REQS.useInternalIpv6);
    c.fact('GET /v1/nodes', `node ${e.uid} status`, e.status, a.status, FIELD_REQS.nodeStatus);
  });
  // Uptime is the target's own; what any cluster's must satisfy is bounded by the last read.
  const lastUptimes = (model.shown.get('uptime') as Map<number, UptimeRead> | undefined) ?? new Map();
  const uptimes = new Map<number, UptimeRead>();
  for (const n of nodes) {
    const seen = compareUptime(c, `node ${n.uid}`, n, { sentAt, answeredAt, clock: s.clock, rate: model.clockRate }, lastUptimes.get(n.uid));
    if (seen) uptimes.set(n.uid, seen);
  }
  model.shown.set('uptime', uptimes);

  const dbs = (settled?.bdbs ?? (await read(target, '/v1/bdbs', after, 'list'))) as any[];
  // By the target's uid: an update reads a setting's value the target chose (conformance/commands/updateDatabase.ts).
  model.shown.set('bdbs', new Map(dbs.map((d) => [String(d.uid), d])));
  /** Each database's endpoint as read, to name once the cluster's name is read. */
  const endpoints: { where: string; port: number; endpoint: any }[] = [];
  for (const db of Object.values(s.databases)) {
    const found = dbs.find((d) => String(d.uid) === model.targetDb(db.uid));
    const expected = databaseFacts(db);
    if (!found) throw new Mismatch(`GET /v1/bdbs after ${after}: database ${db.uid} missing`, expected, dbs.map(shownDatabase), narrow(FIELD_REQS.databases, focus));
    const a = shownDatabase(found);
    const where = `database ${model.targetDb(db.uid)}`;
    // A status still pending on the target where the model has finished is only slower.
    const status = DATABASE_PENDING.has(a.status) && expected.status === 'active' ? 'active' : a.status;
    c.fact('GET /v1/bdbs', `${where} status`, expected.status, status, FIELD_REQS.databaseStatus);
    c.fact('GET /v1/bdbs', `${where} name`, expected.name, a.name, FIELD_REQS.name);
    c.fact('GET /v1/bdbs', `${where} data_internode_encryption`, expected.data_internode_encryption, a.data_internode_encryption, encryptionReqs(c, where, commands, s.policy.dataInternodeEncryption));
    c.fact('GET /v1/bdbs', `${where} port`, expected.port, a.port, FIELD_REQS.port);
    c.fact('GET /v1/bdbs', `${where} endpoints[0].port`, expected.endpoint_port, a.endpoint_port, FIELD_REQS.endpoint_port);
    endpoints.push({ where, port: expected.endpoint_port, endpoint: found.endpoints?.[0] });
    // The documented fields it was sent and stored as they were: answered back as sent.
    for (const [field, value] of Object.entries(db.settings ?? {})) c.fact('GET /v1/bdbs', `${where} ${field}`, value, found[field], FIELD_REQS.settings);
  }
  // On a cluster the run adopted, a database the operator creates meanwhile is not the run's: only
  // the model's and the run's own (by prefix) are counted.
  const prefix = model.limits.namePrefix;
  const known = new Set(Object.keys(s.databases).map((uid) => model.targetDb(uid)));
  const counted = prefix ? dbs.filter((d) => known.has(String(d.uid)) || String(d.name).includes(prefix)) : dbs;
  c.fact('GET /v1/bdbs', 'how many databases', Object.keys(s.databases).length, counted.length, FIELD_REQS.databases);

  const cluster = await read(target, '/v1/cluster', after, 'object');
  const shown = shownCluster(cluster);
  for (const [field, expected] of Object.entries(clusterFacts(s)) as [keyof ReturnType<typeof clusterFacts>, unknown][]) {
    // http_support read wrong: the rule of turning it off, or of turning it on again.
    const reqs = field === 'http_support' ? [expected ? 'PORT-HTTP-003' : 'PORT-HTTP-002'] : FIELD_REQS[field];
    c.fact('GET /v1/cluster', field, expected, shown[field], reqs);
  }
  // Where clients find it: named by its port and the cluster's name, wherever it is placed.
  for (const e of endpoints) c.fact('GET /v1/bdbs', `${e.where} endpoints[0].dns_name`, `redis-${e.port}.${cluster.name}`, e.endpoint?.dns_name, FIELD_REQS.dns_name);
  compareServiceCertificates(c, cluster, endpoints.map((e) => `redis-${e.port}.${cluster.name}`));
  compareReservedList(c, cluster, s);
  for (const [name, expected] of Object.entries(alertSettingFacts(s))) {
    c.fact('GET /v1/cluster', `alert_settings.${name}`, expected, shownSetting(cluster.alert_settings?.[name]), FIELD_REQS.alert_settings);
  }

  // Certificate alerts: which nodes' internal certificates are below the threshold.
  const alert = (path: string, detail: string, expected: boolean, actual: unknown) => c.fact(path, detail, expected, actual, expected ? FIELD_REQS.alertMissing : FIELD_REQS.alertExtra);
  const alerts = await read(target, '/v1/nodes/alerts', after, 'object');
  for (const n of Object.values(s.nodes)) {
    const uid = model.targetNode(n.uid);
    alert('GET /v1/nodes/alerts', `node ${uid} node_internal_certs_about_to_expire.state`, nodeCertificateAlert(s, n), alerts[uid]?.node_internal_certs_about_to_expire?.state);
    compareAlertObject(c, 'GET /v1/nodes/alerts', `node ${uid} node_internal_certs_about_to_expire`, alerts[uid]?.node_internal_certs_about_to_expire, nodeAlertExpectation(s, n, uid));
    // Whole days left change at any instant of a running clock: compared only where it stands still.
    if (model.capabilities.has('still-clock')) {
      const listed = alerts[uid]?.node_internal_certs_about_to_expire?.change_value?.certs_about_to_expire;
      const shown = Array.isArray(listed) ? listed.map((e: { name?: unknown; days_left?: unknown }) => `${e?.name}:${e?.days_left}`).sort() : listed;
      c.fact('GET /v1/nodes/alerts', `node ${uid} node_internal_certs_about_to_expire.change_value.certs_about_to_expire (name:days_left)`, nodeCertificatesAboutToExpire(s, n), shown, FIELD_REQS.aboutToExpire);
    }
  }
  // The cluster's alert is over the services' certificates: those the cluster object shows are
  // judged, the others (api, cm, ...) it does not show are the target's own.
  const clusterAlerts = await read(target, '/v1/cluster/alerts', after, 'object');
  compareAlertObject(c, 'GET /v1/cluster/alerts', 'cluster_certs_about_to_expire', clusterAlerts.cluster_certs_about_to_expire, clusterAlertExpectation(s, shownServiceCertificates(cluster)));

  const policy = await read(target, '/v1/cluster/policy', after, 'object');
  c.fact('GET /v1/cluster/policy', 'data_internode_encryption', policyFacts(s).data_internode_encryption, policy.data_internode_encryption, FIELD_REQS.policy);
  model.shown.set('facts', c.facts);
  return c.exercised;
}
