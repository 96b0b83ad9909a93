import { CONFIG_PORT_FIELDS, SYSTEM_RESERVED, type ConfigPortField } from '../../../domain/rules/ports.ts';
import type { AlertSetting, ClusterState } from '../../../domain/state.ts';
import { CLUSTER_CONSTANTS, OTHER_ALERT_SETTINGS } from './constants.ts';
import { isoSeconds } from './names.ts';

const setting = (a: AlertSetting) => ({ enabled: a.enabled, threshold: String(a.thresholdDays) });

/** Every alert setting of a real cluster: the two the model decides, the others at their defaults. */
export const alertSettingsView = (s: ClusterState) => ({
  ...OTHER_ALERT_SETTINGS,
  cluster_certs_about_to_expire: setting(s.alerts.clusterCertsAboutToExpire),
  node_internal_certs_about_to_expire: setting(s.alerts.nodeInternalCertsAboutToExpire),
});

/**
 * The ports the cluster keeps for itself, as a real cluster lists them: each fixed port of the
 * port tables (the shard range is not listed, as on a real cluster) and the configured API and
 * UI ports wherever they are now.
 */
export function systemReservedPorts(s: ClusterState): number[] {
  const fixed = SYSTEM_RESERVED.filter((r) => r.to - r.from < 100).flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
  const configured = (Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[]).map((f) => s.config[f]);
  return [...new Set([...fixed, ...configured])].sort((a, b) => a - b);
}

/**
 * The cluster object. `pems` are the certificates the edge holds (`GET /v1/cluster/certificates`
 * bundles, by `<name>_cert`): the proxy's and the syncer's are part of the object; without an edge
 * (in-process) there are none to show.
 */
export function clusterView(s: ClusterState, pems: Readonly<Record<string, string>> = {}) {
  return {
    ...CLUSTER_CONSTANTS,
    name: s.name,
    // The model keeps no creation time: the cluster clock stands for it.
    created_time: isoSeconds(s.clock),
    cm_port: s.config.cmPort,
    cnm_http_port: s.config.cnmHttpPort,
    cnm_https_port: s.config.cnmHttpsPort,
    http_support: s.config.httpSupport,
    alert_settings: alertSettingsView(s),
    system_reserved_ports: systemReservedPorts(s),
    proxy_certificate: pems.proxy_cert ?? '',
    syncer_certificate: pems.syncer_cert ?? '',
  };
}

export const policyView = (s: ClusterState) => ({ data_internode_encryption: s.policy.dataInternodeEncryption });
