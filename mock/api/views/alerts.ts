import { belowThreshold, daysLeft } from '../../../domain/rules/certificates.ts';
import type { AlertSetting, CertificateState, ClusterState, NodeState } from '../../../domain/state.ts';
import { iso, isoSeconds, PLANE_CERT_NAMES } from './names.ts';

const DAY_MS = 86_400_000;

/** A certificate as an expiry alert weighs it: when it was issued and when it expires. */
interface Weighed {
  readonly notBefore: number;
  readonly notAfter: number;
}

/** One of the cluster's own certificates (a service's: `api`, `cm`, `proxy`, ...), by its validity. */
export interface ServiceCertificate extends Weighed {
  readonly name: string;
}

/**
 * When the alert last changed state: for a raised alert, when its first certificate went under
 * the threshold; otherwise when the newest certificate was issued (a rotation is what clears it).
 */
function changeTime(s: ClusterState, thresholdDays: number, certs: readonly Weighed[], expiring: readonly Weighed[]): number {
  if (expiring.length) return Math.min(...expiring.map((c) => c.notAfter - thresholdDays * DAY_MS));
  return certs.reduce((newest, c) => Math.max(newest, c.notBefore), 0) || s.clock;
}

/**
 * A certificate expiry alert (the alert object of the reference; spec/semantics.md, "Certificate
 * expiry alerts"). `certs_about_to_expire` lists what the check found under the threshold whether
 * or not the alert is enabled; `state` holds only while it is enabled and that list is not empty;
 * `severity` is `INFO` while the alert is off and `WARNING` while it holds, as a real cluster's
 * alerts read.
 */
function certificateAlert<C extends Weighed, D extends object>(s: ClusterState, setting: AlertSetting, certs: readonly C[], describe: (c: C) => D) {
  const expiring = certs.filter((c) => belowThreshold(c, s.clock, setting.thresholdDays));
  const state = setting.enabled && expiring.length > 0;
  return {
    enabled: setting.enabled,
    state,
    severity: state ? 'WARNING' : 'INFO',
    threshold: String(setting.thresholdDays),
    change_time: isoSeconds(changeTime(s, setting.thresholdDays, certs, expiring)),
    change_value: {
      state,
      global_threshold: String(setting.thresholdDays),
      certs_about_to_expire: expiring.map((c) => ({ ...describe(c), expires: iso(c.notAfter), days_left: daysLeft(c, s.clock) })),
    },
  };
}

const internal = (c: CertificateState) => ({ node_uid: c.nodeUid, name: PLANE_CERT_NAMES[c.plane] });

/** `node_internal_certs_about_to_expire` for one node: its two internal certificates. */
export const nodeAlertsView = (s: ClusterState, n: NodeState) => ({
  node_internal_certs_about_to_expire: certificateAlert(s, s.alerts.nodeInternalCertsAboutToExpire, Object.values(s.certificates).filter((c) => c.nodeUid === n.uid), internal),
});

/**
 * `cluster_certs_about_to_expire`: the cluster's own certificates (the reference: "Cluster
 * certificate will expire in x days"), the services' — never a node's internal ones, which are
 * `node_internal_certs_about_to_expire`'s.
 */
export const clusterAlertsView = (s: ClusterState, services: readonly ServiceCertificate[] = []) => ({
  cluster_certs_about_to_expire: certificateAlert(s, s.alerts.clusterCertsAboutToExpire, services, (c) => ({ name: c.name })),
});
