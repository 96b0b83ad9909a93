import { parseAddress } from '../domain/rules/address.ts';
import { belowThreshold, DAY_MS, isExpired, VALIDITY_DAYS } from '../domain/rules/certificates.ts';
import { CONFIG_PORT_FIELDS, ENDPOINT_RANGE, SYSTEM_RESERVED, type ConfigPortField } from '../domain/rules/ports.ts';
import { certificateKey, PLANES, type ClusterState } from '../domain/state.ts';

/**
 * Everything that must hold of any state the log can reach. Returns what is broken, in words;
 * an empty list means the state is sound. Used by the property tests after every command.
 */
export function invariantViolations(s: ClusterState): string[] {
  const out: string[] = [];
  const nodes = Object.values(s.nodes);

  // Addresses: one valid internal address per node, of the cluster's family, used by no other node.
  const owners = new Map<string, string>();
  for (const n of nodes) {
    const p = parseAddress(n.addr);
    if (!p.ok || p.canonical !== n.addr) out.push(`node ${n.uid}: internal address ${n.addr} is not canonical`);
    else if (p.family !== s.family) out.push(`node ${n.uid}: internal address ${n.addr} is not ${s.family}`);
    if (owners.has(n.addr)) out.push(`address ${n.addr} is internal to node ${n.uid} and used by ${owners.get(n.addr)}`);
    owners.set(n.addr, `node ${n.uid}`);
  }
  for (const n of nodes) {
    if (new Set(n.externalAddrs).size !== n.externalAddrs.length) out.push(`node ${n.uid}: external addresses repeat`);
    for (const a of n.externalAddrs) {
      const owner = owners.get(a);
      if (owner && owner !== `node ${n.uid}`) out.push(`node ${n.uid}: external address ${a} is the internal address of ${owner}`);
    }
  }

  // Hosts and nodes point at each other.
  for (const n of nodes) {
    if (s.hosts[n.hostId]?.nodeUid !== n.uid) out.push(`node ${n.uid}: host ${n.hostId} does not name it`);
    if (Number(n.uid) >= s.nextNodeUid) out.push(`node ${n.uid}: uid not below nextNodeUid ${s.nextNodeUid}`);
  }
  for (const h of Object.values(s.hosts)) {
    if (h.nodeUid !== null && s.nodes[h.nodeUid]?.hostId !== h.id) out.push(`host ${h.id}: names node ${h.nodeUid}, which is not on it`);
  }

  // Ports: every port has one owner.
  const portOwners = new Map<number, string>();
  const claim = (port: number, who: string) => {
    const prior = portOwners.get(port);
    if (prior) out.push(`port ${port} is held by ${prior} and ${who}`);
    portOwners.set(port, who);
  };
  for (const f of Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[]) claim(s.config[f], CONFIG_PORT_FIELDS[f]);
  for (const db of Object.values(s.databases)) {
    claim(db.port, `database ${db.uid}`);
    if (SYSTEM_RESERVED.some((r) => db.port >= r.from && db.port <= r.to)) out.push(`database ${db.uid}: port ${db.port} is reserved`);
    if (db.portAutoAssigned && (db.port < ENDPOINT_RANGE.min || db.port > ENDPOINT_RANGE.max)) {
      out.push(`database ${db.uid}: assigned port ${db.port} is outside the endpoint range`);
    }
    if (Number(db.uid) >= s.nextDatabaseUid) out.push(`database ${db.uid}: uid not below nextDatabaseUid`);
  }
  for (const p of s.foreignPorts) claim(p, 'a foreign process');

  // Certificates: every node holds one per plane; each is 90 days long and its status is what
  // the clock and the alert threshold say it is.
  for (const n of nodes) {
    for (const plane of PLANES) if (!s.certificates[certificateKey(n.uid, plane)]) out.push(`node ${n.uid}: no ${plane} certificate`);
  }
  const serials = new Set<number>(s.caSerial === null ? [] : [s.caSerial]);
  for (const [key, c] of Object.entries(s.certificates)) {
    if (key !== certificateKey(c.nodeUid, c.plane)) out.push(`certificate ${key}: stored under the wrong key`);
    if (!s.nodes[c.nodeUid]) out.push(`certificate ${key}: its node is gone`);
    if (c.notAfter - c.notBefore !== VALIDITY_DAYS * DAY_MS) out.push(`certificate ${key}: not valid for ${VALIDITY_DAYS} days`);
    if (serials.has(c.serial)) out.push(`certificate ${key}: serial ${c.serial} reused`);
    if (c.serial >= s.nextSerial) out.push(`certificate ${key}: serial ${c.serial} not below nextSerial`);
    serials.add(c.serial);
    const expected = isExpired(c, s.clock)
      ? 'expired'
      : belowThreshold(c, s.clock, s.alerts.nodeInternalCertsAboutToExpire.thresholdDays)
        ? 'expiring'
        : 'valid';
    if (c.status !== expected) out.push(`certificate ${key}: status ${c.status}, but the clock says ${expected}`);
  }
  return out;
}
