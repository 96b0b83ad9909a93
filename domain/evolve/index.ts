import { produce, type Draft } from 'immer';
import type { DomainEvent } from '../events.ts';
import { certificateKey, type ClusterState } from '../state.ts';
import { applyToCertificate } from './certificate.ts';
import { applyToDatabase } from './database.ts';
import { applyToNode } from './node.ts';

export { applyToCertificate, applyToDatabase, applyToNode };

/**
 * Applies one event to the cluster in place. Total: it never throws, and an event that names an
 * entity the state does not hold changes nothing (decide never produces one; a log written by
 * another version might).
 */
export function applyToCluster(d: Draft<ClusterState>, event: DomainEvent): void {
  switch (event.type) {
    case 'ClusterCreated':
      d.status = 'running';
      d.name = event.data.name;
      d.family = event.data.family;
      d.caSerial = event.data.caSerial;
      d.nextSerial = Math.max(d.nextSerial, event.data.caSerial + 1);
      return;
    case 'ClusterConfigured':
      Object.assign(d.config, event.data.changes);
      return;
    case 'ClusterPolicyChanged':
      d.policy.dataInternodeEncryption = event.data.dataInternodeEncryption;
      return;
    case 'AlertSettingsChanged':
      if (event.data.clusterCertsAboutToExpire) d.alerts.clusterCertsAboutToExpire = event.data.clusterCertsAboutToExpire;
      if (event.data.nodeInternalCertsAboutToExpire) {
        d.alerts.nodeInternalCertsAboutToExpire = event.data.nodeInternalCertsAboutToExpire;
      }
      return;
    case 'ClockAdvanced':
      d.clock = event.data.now;
      return;
    case 'HostAdded':
      d.hosts[event.data.hostId] = { id: event.data.hostId, boundAddrs: [...event.data.boundAddrs], nodeUid: null };
      return;
    case 'HostAddressesChanged': {
      const host = d.hosts[event.data.hostId];
      if (host) host.boundAddrs = [...event.data.boundAddrs];
      return;
    }
    case 'ForeignPortHeld':
      if (!d.foreignPorts.includes(event.data.port)) d.foreignPorts.push(event.data.port);
      return;
    case 'ForeignPortReleased':
      d.foreignPorts = d.foreignPorts.filter((p) => p !== event.data.port);
      return;
    case 'NodeJoined': {
      const { uid, hostId, addr, externalAddrs } = event.data;
      d.nodes[uid] = { uid, hostId, status: 'active', addr, externalAddrs: [...externalAddrs] };
      const host = d.hosts[hostId];
      if (host) host.nodeUid = uid;
      d.nextNodeUid = Math.max(d.nextNodeUid, Number(uid) + 1);
      return;
    }
    case 'NodeRemoved': {
      const node = d.nodes[event.data.uid];
      if (!node) return;
      d.removals[event.data.uid] = 'completed';
      const host = d.hosts[node.hostId];
      if (host) host.nodeUid = null;
      delete d.nodes[event.data.uid];
      for (const [key, cert] of Object.entries(d.certificates)) {
        if (cert.nodeUid === event.data.uid) delete d.certificates[key];
      }
      return;
    }
    case 'NodeAddressChanged':
    case 'NodeExternalAddressesChanged':
    case 'NodeWentDown':
    case 'NodeCameOnline':
    case 'NodeStartFailed':
    case 'NodeRemovalStarted':
    case 'NodeRemovalFailed': {
      const node = d.nodes[event.data.uid];
      if (!node) return;
      applyToNode(node, event);
      if (event.type === 'NodeRemovalStarted') d.removals[event.data.uid] = 'running';
      if (event.type === 'NodeRemovalFailed') d.removals[event.data.uid] = 'failed';
      return;
    }
    case 'DatabaseCreationStarted': {
      const { uid, ...rest } = event.data;
      d.databases[uid] = { uid, ...rest, status: 'pending' };
      d.nextDatabaseUid = Math.max(d.nextDatabaseUid, Number(uid) + 1);
      return;
    }
    case 'DatabaseDeleted':
      delete d.databases[event.data.uid];
      return;
    case 'DatabaseCreated':
    case 'DatabaseUpdated':
    case 'DatabaseChangeCompleted':
    case 'DatabaseDeletionStarted': {
      const db = d.databases[event.data.uid];
      if (db) applyToDatabase(db, event);
      return;
    }
    case 'CertificateIssued': {
      const { nodeUid, plane, serial, notBefore, notAfter } = event.data;
      const key = certificateKey(nodeUid, plane);
      const cert = d.certificates[key];
      if (cert) applyToCertificate(cert, event);
      else if (d.nodes[nodeUid]) d.certificates[key] = { nodeUid, plane, serial, notBefore, notAfter, status: 'valid' };
      d.nextSerial = Math.max(d.nextSerial, serial + 1);
      return;
    }
    case 'CertificateExpiryAlertRaised':
    case 'CertificateExpiryAlertCleared':
    case 'CertificateExpired': {
      const cert = d.certificates[certificateKey(event.data.nodeUid, event.data.plane)];
      if (cert) applyToCertificate(cert, event);
      return;
    }
    // A fact of the data plane (its clients were dropped): the mock's endpoint and its log read the
    // event itself; the cluster's state holds nothing of it.
    case 'DatabaseProxyRestarted':
      return;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The next state after one event. */
export function evolve(state: ClusterState, event: DomainEvent): ClusterState {
  return produce(state, (d) => applyToCluster(d, event));
}
