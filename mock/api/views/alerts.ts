import { belowThreshold, daysLeft } from '../../../domain/rules/certificates.ts';
import type { AlertSetting, CertificateState, ClusterState, NodeState } from '../../../domain/state.ts';
import { iso, isoSeconds, PLANE_CERT_NAMES } from './names.ts';

const DAY_MS = 86_400_000;

/**
 * When the alert last changed state: for a raised alert, when its first certificate went under
 * the threshold; otherwise when the newest certificate was issued (a rotation is what clears it).
 */
function changeTime(s: ClusterState, thresholdDays: number, certs: readonly CertificateState[], expiring: readonly CertificateState[]): number {
  if (expiring.length) return Math.min(...expiring.map((c) => c.notAfter - thresholdDays * DAY_MS));
  return certs.reduce((newest, c) => Math.max(newest, c.notBefore), 0) || s.clock;
}

/**
 * A certificate expiry alert (the alert object of the reference): it holds while it is enabled
 * and one of `certs` has fewer days left than its threshold.
 */
function certificateAlert(s: ClusterState, setting: AlertSetting, certs: readonly CertificateState[]) {
  const expiring = certs.filter((c) => belowThreshold(c, s.clock, setting.thresholdDays));
  const state = setting.enabled && expiring.length > 0;
  return {
    enabled: setting.enabled,
    state,
    severity: 'WARNING',
    threshold: String(setting.thresholdDays),
    change_time: isoSeconds(changeTime(s, setting.thresholdDays, certs, expiring)),
    change_value: {
      state,
      global_threshold: String(setting.thresholdDays),
      certs_about_to_expire: expiring.map((c) => ({ node_uid: c.nodeUid, name: PLANE_CERT_NAMES[c.plane], expires: iso(c.notAfter), days_left: daysLeft(c, s.clock) })),
    },
  };
}

/** `node_internal_certs_about_to_expire` for one node: its two internal certificates. */
export const nodeAlertsView = (s: ClusterState, n: NodeState) => ({
  node_internal_certs_about_to_expire: certificateAlert(s, s.alerts.nodeInternalCertsAboutToExpire, Object.values(s.certificates).filter((c) => c.nodeUid === n.uid)),
});

/** `cluster_certs_about_to_expire`: every internal certificate of the cluster, with its own threshold. */
export const clusterAlertsView = (s: ClusterState) => ({
  cluster_certs_about_to_expire: certificateAlert(s, s.alerts.clusterCertsAboutToExpire, Object.values(s.certificates)),
});
