import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import { accepted, clusterCommands, DAY, given, rejected, T0, types } from './testing/fixtures.ts';

const running = given(clusterCommands(3));
const at = (days: number): Command => ({ type: 'AdvanceClock', data: { now: T0 + days * DAY } });
const issued = (events: readonly DomainEvent[]) => events.filter((e) => e.type === 'CertificateIssued');

describe('the cluster CA and node certificates', () => {
  it('[CERT-CA-001] creating a cluster creates its CA, before any certificate it signs', () => {
    const { events } = accepted(given(clusterCommands(1).slice(0, 2)), clusterCommands(1)[2]!);
    expect(types(events)).toEqual(['ClockAdvanced', 'ClusterCreated', 'NodeJoined', 'CertificateIssued', 'CertificateIssued']);
    const caSerial = (events[1] as Extract<DomainEvent, { type: 'ClusterCreated' }>).data.caSerial;
    expect(issued(events).every((e) => e.type === 'CertificateIssued' && e.data.serial > caSerial)).toBe(true);
  });

  it('[CERT-CA-002] no event or state holds key material: the log is served by GET /v1/logs', () => {
    const state = given([at(31), { type: 'RotateCertificates', data: {} }], running);
    expect(JSON.stringify(state)).not.toMatch(/key|PRIVATE|BEGIN/i);
  });

  it('[CERT-ISS-001] a joining node gets one certificate per plane', () => {
    const { events } = accepted(running, { type: 'JoinNode', data: { hostId: 'h4', via: '10.0.0.1', addr: '10.0.0.4' } });
    expect(issued(events).map((e) => e.type === 'CertificateIssued' && [e.data.nodeUid, e.data.plane, e.data.reason])).toEqual([
      ['4', 'control', 'join'],
      ['4', 'data', 'join'],
    ]);
  });

  it('[CERT-ISS-002] a certificate is valid for 90 days from issue', () => {
    const cert = running.certificates['2:data']!;
    expect(cert.notBefore).toBe(T0);
    expect(cert.notAfter - cert.notBefore).toBe(90 * DAY);
  });

  it('[CERT-ROT-001] the rotation job reissues a certificate 30 days after issue, not before', () => {
    expect(issued(accepted(running, at(29)).events)).toEqual([]);
    const { events, state } = accepted(running, at(30));
    expect(issued(events)).toHaveLength(6);
    expect(state.certificates['1:control']).toMatchObject({ notBefore: T0 + 30 * DAY, notAfter: T0 + 120 * DAY, status: 'valid' });
    expect(issued(accepted(state, at(59)).events)).toEqual([]);
    expect(issued(accepted(state, at(60)).events)).toHaveLength(6);
  });

  it('[CERT-ROT-002] a node that is down misses the rotation; it rotates at the next run after it is back', () => {
    const down = given([{ type: 'PowerOffNode', data: { uid: '2' } }, at(31)], running);
    expect(down.certificates['2:control']!.notBefore).toBe(T0);
    expect(down.certificates['1:control']!.notBefore).toBe(T0 + 31 * DAY);
    const back = given([{ type: 'PowerOnNode', data: { uid: '2' } }, at(32)], down);
    expect(back.certificates['2:control']!.notBefore).toBe(T0 + 32 * DAY);
  });

  it('[CERT-ALR-001] [CERT-ROT-002] the alert holds while fewer than 45 days are left', () => {
    const down = given([{ type: 'PowerOffNode', data: { uid: '2' } }], running);
    const at45 = accepted(down, at(45));
    expect(at45.state.certificates['2:control']!.status).toBe('valid');
    const at46 = accepted(at45.state, at(46));
    expect(at46.events.filter((e) => e.type === 'CertificateExpiryAlertRaised')).toEqual([
      { type: 'CertificateExpiryAlertRaised', data: { nodeUid: '2', plane: 'control', daysLeft: 44 } },
      { type: 'CertificateExpiryAlertRaised', data: { nodeUid: '2', plane: 'data', daysLeft: 44 } },
    ]);
  });

  it('[CERT-ALR-002] the threshold follows alert_settings and a change re-evaluates now', () => {
    const down = given([{ type: 'PowerOffNode', data: { uid: '2' } }, at(40)], running);
    const raised = accepted(down, { type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { thresholdDays: 60 } } });
    expect(types(raised.events)).toEqual(['AlertSettingsChanged', 'CertificateExpiryAlertRaised', 'CertificateExpiryAlertRaised']);
    const lowered = accepted(raised.state, { type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { thresholdDays: 10 } } });
    expect(types(lowered.events)).toEqual(['AlertSettingsChanged', 'CertificateExpiryAlertCleared', 'CertificateExpiryAlertCleared']);
    expect(rejected(down, { type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { thresholdDays: 90 } } }).error_code).toBe(
      'invalid_parameter',
    );
  });

  it('[CERT-ALR-003] the alert clears when the certificate is reissued', () => {
    const alerting = given([{ type: 'PowerOffNode', data: { uid: '2' } }, at(50), { type: 'PowerOnNode', data: { uid: '2' } }], running);
    expect(alerting.certificates['2:data']!.status).toBe('expiring');
    const { events, state } = accepted(alerting, at(51));
    expect(events).toContainEqual({ type: 'CertificateExpiryAlertCleared', data: { nodeUid: '2', plane: 'data' } });
    expect(state.certificates['2:data']!.status).toBe('valid');
  });

  it('[CERT-ALR-003] [CERT-EXP-001] a certificate that jumps to expiry has its alert raised, and cleared when reissued', () => {
    const expired = accepted(given([{ type: 'PowerOffNode', data: { uid: '2' } }], running), at(100));
    const mine = expired.events.filter((e) => 'nodeUid' in e.data && e.data.nodeUid === '2' && e.data.plane === 'data');
    expect(types(mine)).toEqual(['CertificateExpiryAlertRaised', 'CertificateExpired']);
    const reissued = accepted(given([{ type: 'PowerOnNode', data: { uid: '2' } }], expired.state), at(101));
    const after = reissued.events.filter((e) => 'nodeUid' in e.data && e.data.nodeUid === '2' && e.data.plane === 'data');
    expect(types(after)).toEqual(['CertificateIssued', 'CertificateExpiryAlertCleared']);
  });

  it('[CERT-EXP-001] a certificate not rotated within 90 days expires: past its notAfter, not at it', () => {
    const down = given([{ type: 'PowerOffNode', data: { uid: '2' } }, at(89)], running);
    expect(down.certificates['2:control']!.status).toBe('expiring');
    const atNotAfter = accepted(down, at(90));
    expect(atNotAfter.state.certificates['2:control']!.status).toBe('expiring');
    const { events, state } = accepted(atNotAfter.state, at(90.5));
    expect(events).toContainEqual({ type: 'CertificateExpired', data: { nodeUid: '2', plane: 'control' } });
    expect(state.certificates['2:control']!.status).toBe('expired');
  });

  it('[CERT-ROT-003] a manual rotation reissues every internal certificate now; one plane may be chosen', () => {
    const later = given([at(10)], running);
    const all = accepted(later, { type: 'RotateCertificates', data: {} });
    expect(issued(all.events)).toHaveLength(6);
    expect(Object.values(all.state.certificates).every((c) => c.notBefore === T0 + 10 * DAY)).toBe(true);
    const data = accepted(later, { type: 'RotateCertificates', data: { plane: 'data' } });
    expect(issued(data.events).map((e) => e.type === 'CertificateIssued' && e.data.plane)).toEqual(['data', 'data', 'data']);
  });

  it('[CERT-ROT-004] a manual rotation while a node is down is refused as a whole', () => {
    const down = given([{ type: 'PowerOffNode', data: { uid: '3' } }], running);
    expect(rejected(down, { type: 'RotateCertificates', data: {} })).toEqual({
      status: 400,
      error_code: 'not_all_nodes_updated',
      description: 'Certificates were not rotated: node 3 is down',
    });
  });

  it('[CERT-ROT-001] the clock never moves back', () => {
    expect(rejected(given([at(5)], running), at(4)).error_code).toBe('invalid_parameter');
    expect(accepted(given([at(5)], running), at(5)).events).toEqual([]);
  });
});
