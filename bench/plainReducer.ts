import { produce } from 'immer';
import type { DomainEvent, RecordedEvent } from '../domain/events.ts';
import { certificateKey, initialState, type ClusterState } from '../domain/state.ts';

// ---------------------------------------------------------------------------------------------
// The baseline: the reducer anyone would write first. One produce per event, the stored event
// used as it is (no upcasting), no batching. Written out here on purpose, without anything from
// domain/evolve, so that it measures plain immer and checks core's reducer independently.
// Key order in new objects follows core's, because the states are compared as JSON.
// ---------------------------------------------------------------------------------------------

export function plainReducer(state: ClusterState, e: RecordedEvent): ClusterState {
  // The stored record has the same `type`/`data` pair as the domain event it stands for.
  const event = e as unknown as DomainEvent;
  return produce(state, (d) => {
    switch (event.type) {
      case 'ClusterCreated':
        d.status = 'running';
        d.name = event.data.name;
        d.family = event.data.family;
        d.caSerial = event.data.caSerial;
        d.nextSerial = Math.max(d.nextSerial, event.data.caSerial + 1);
        break;
      case 'ClusterConfigured':
        d.config = { ...d.config, ...event.data.changes };
        break;
      case 'ClusterPolicyChanged':
        d.policy.dataInternodeEncryption = event.data.dataInternodeEncryption;
        break;
      case 'AlertSettingsChanged':
        if (event.data.clusterCertsAboutToExpire) d.alerts.clusterCertsAboutToExpire = { ...event.data.clusterCertsAboutToExpire };
        if (event.data.nodeInternalCertsAboutToExpire) {
          d.alerts.nodeInternalCertsAboutToExpire = { ...event.data.nodeInternalCertsAboutToExpire };
        }
        break;
      case 'ClockAdvanced':
        d.clock = event.data.now;
        break;
      case 'HostAdded':
        d.hosts[event.data.hostId] = { id: event.data.hostId, boundAddrs: [...event.data.boundAddrs], nodeUid: null };
        break;
      case 'HostAddressesChanged': {
        const host = d.hosts[event.data.hostId];
        if (host) host.boundAddrs = [...event.data.boundAddrs];
        break;
      }
      case 'ForeignPortHeld':
        if (!d.foreignPorts.includes(event.data.port)) d.foreignPorts.push(event.data.port);
        break;
      case 'ForeignPortReleased':
        d.foreignPorts = d.foreignPorts.filter((p) => p !== event.data.port);
        break;
      case 'NodeJoined': {
        const { uid, hostId, addr, externalAddrs } = event.data;
        d.nodes[uid] = { uid, hostId, status: 'active', addr, externalAddrs: [...externalAddrs] };
        const host = d.hosts[hostId];
        if (host) host.nodeUid = uid;
        d.nextNodeUid = Math.max(d.nextNodeUid, Number(uid) + 1);
        break;
      }
      case 'NodeAddressChanged': {
        const node = d.nodes[event.data.uid];
        if (node) node.addr = event.data.addr;
        break;
      }
      case 'NodeExternalAddressesChanged': {
        const node = d.nodes[event.data.uid];
        if (node) node.externalAddrs = [...event.data.externalAddrs];
        break;
      }
      case 'NodeWentDown': {
        const node = d.nodes[event.data.uid];
        if (node) node.status = 'down';
        break;
      }
      case 'NodeRemovalFailed': {
        const node = d.nodes[event.data.uid];
        if (!node) break;
        node.status = 'down';
        d.removals[event.data.uid] = 'failed';
        break;
      }
      case 'NodeCameOnline': {
        const node = d.nodes[event.data.uid];
        if (node) node.status = 'active';
        break;
      }
      case 'NodeRemovalStarted': {
        const node = d.nodes[event.data.uid];
        if (!node) break;
        node.status = 'decommissioning';
        d.removals[event.data.uid] = 'running';
        break;
      }
      case 'NodeStartFailed':
        break;
      case 'NodeRemoved': {
        const node = d.nodes[event.data.uid];
        if (!node) break;
        d.removals[event.data.uid] = 'completed';
        const host = d.hosts[node.hostId];
        if (host) host.nodeUid = null;
        delete d.nodes[event.data.uid];
        for (const key of Object.keys(d.certificates)) {
          if (d.certificates[key]!.nodeUid === event.data.uid) delete d.certificates[key];
        }
        break;
      }
      case 'DatabaseCreationStarted': {
        const { uid, name, memorySize, port, portAutoAssigned, dataInternodeEncryption } = event.data;
        d.databases[uid] = { uid, name, memorySize, port, portAutoAssigned, dataInternodeEncryption, status: 'pending' };
        d.nextDatabaseUid = Math.max(d.nextDatabaseUid, Number(uid) + 1);
        break;
      }
      case 'DatabaseCreated':
      case 'DatabaseChangeCompleted': {
        const db = d.databases[event.data.uid];
        if (db) db.status = 'active';
        break;
      }
      case 'DatabaseUpdated': {
        const db = d.databases[event.data.uid];
        if (!db) break;
        const { name, memorySize, dataInternodeEncryption } = event.data.changes;
        if (name !== undefined) db.name = name;
        if (memorySize !== undefined) db.memorySize = memorySize;
        if (dataInternodeEncryption !== undefined) db.dataInternodeEncryption = dataInternodeEncryption;
        db.status = 'active-change-pending';
        break;
      }
      case 'DatabaseDeletionStarted': {
        const db = d.databases[event.data.uid];
        if (db) db.status = 'delete-pending';
        break;
      }
      case 'DatabaseDeleted':
        delete d.databases[event.data.uid];
        break;
      case 'CertificateIssued': {
        const { nodeUid, plane, serial, notBefore, notAfter } = event.data;
        const key = certificateKey(nodeUid, plane);
        const cert = d.certificates[key];
        if (cert) Object.assign(cert, { serial, notBefore, notAfter, status: 'valid' });
        else if (d.nodes[nodeUid]) d.certificates[key] = { nodeUid, plane, serial, notBefore, notAfter, status: 'valid' };
        d.nextSerial = Math.max(d.nextSerial, serial + 1);
        break;
      }
      case 'CertificateExpiryAlertRaised':
      case 'CertificateExpiryAlertCleared':
      case 'CertificateExpired': {
        const cert = d.certificates[certificateKey(event.data.nodeUid, event.data.plane)];
        if (!cert) break;
        cert.status = event.type === 'CertificateExpiryAlertRaised' ? 'expiring' : event.type === 'CertificateExpired' ? 'expired' : 'valid';
        break;
      }
      case 'DatabaseProxyRestarted':
        break;
      default: {
        const unknown: never = event;
        throw new Error(`plain reducer: unknown event ${JSON.stringify(unknown)}`);
      }
    }
  });
}

/** `events.reduce(plainReducer, initialState())`, over an iterable, so that it reads the store
 * exactly as `fold` does (same generator, same cost per event). */
export function plainReplay(events: Iterable<RecordedEvent>): ClusterState {
  let state = initialState();
  for (const e of events) state = plainReducer(state, e);
  return state;
}
