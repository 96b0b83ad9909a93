import { describe, expect, it } from 'vitest';
import { MockCluster } from '../../runtime/mockCluster.ts';
import { topologyCommands } from '../../../core/topology.ts';
import { clusterAlertsView, nodeAlertsView } from './alerts.ts';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A 2-node cluster made at T0 whose node 2 is down, so its certificates age past every rotation. */
function ageing(days: number, alert: { enabled: boolean; thresholdDays: number } = { enabled: true, thresholdDays: 45 }) {
  const cluster = new MockCluster({ now: () => T0 });
  cluster.execute(topologyCommands({ nodes: 2, spareHosts: 0 }, T0));
  cluster.execute({ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: alert } });
  cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
  cluster.execute({ type: 'AdvanceClock', data: { now: T0 + days * DAY_MS } });
  return cluster.state;
}

describe('certificate expiry alerts', () => {
  it('[CERT-ALR-004] off: severity INFO and nothing listed; on: severity WARNING, each certificate with its whole days left, rounded down', () => {
    const fresh = ageing(10);
    expect(nodeAlertsView(fresh, fresh.nodes['2']!).node_internal_certs_about_to_expire).toMatchObject({
      enabled: true, state: false, severity: 'INFO', change_value: { state: false, certs_about_to_expire: [] },
    });
    // 90 days of validity, 45.5 days on: 44.5 days left, read as 44.
    const s = ageing(45.5);
    const alert = nodeAlertsView(s, s.nodes['2']!).node_internal_certs_about_to_expire;
    expect(alert).toMatchObject({ state: true, severity: 'WARNING', change_value: { state: true, global_threshold: '45' } });
    expect(alert.change_value.certs_about_to_expire.map((c) => [c.node_uid, c.name, c.days_left]).sort()).toEqual([
      ['2', 'ccs_internode_encryption', 44],
      ['2', 'data_internode_encryption', 44],
    ]);
  });

  it('[CERT-ALR-004] a disabled alert is still answered: it never holds, and lists what its check finds', () => {
    const s = ageing(50, { enabled: false, thresholdDays: 45 });
    const alert = nodeAlertsView(s, s.nodes['2']!).node_internal_certs_about_to_expire;
    expect(alert).toMatchObject({ enabled: false, state: false, severity: 'INFO', change_value: { state: false } });
    expect(alert.change_value.certs_about_to_expire).toHaveLength(2);
  });

  it('[CERT-ALR-005] the cluster alert weighs the cluster\'s own certificates, never a node\'s internal ones', () => {
    const s = ageing(50);
    const none = clusterAlertsView(s).cluster_certs_about_to_expire;
    expect(none).toMatchObject({ state: false, change_value: { certs_about_to_expire: [] } });
    const services = [
      { name: 'proxy', notBefore: T0, notAfter: T0 + 80 * DAY_MS },
      { name: 'api', notBefore: T0, notAfter: T0 + 3650 * DAY_MS },
    ];
    const alert = clusterAlertsView(s, services).cluster_certs_about_to_expire;
    expect(alert).toMatchObject({ state: true, severity: 'WARNING' });
    expect(alert.change_value.certs_about_to_expire).toEqual([{ name: 'proxy', expires: '2026-03-22T00:00:00.000Z', days_left: 30 }]);
  });
});
