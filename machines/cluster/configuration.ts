import type { ConfigureCluster, SetAlertSettings } from '../../domain/commands.ts';
import type { AlertSettingsChanged, DomainEvent } from '../../domain/events.ts';
import { reject } from '../../domain/rejections.ts';
import type { AlertSetting, ClusterConfig, ClusterState } from '../../domain/state.ts';
import { ALERT_NAMES, alertSettingProblem } from '../../domain/rules/alerts.ts';
import { dataInternodeEncryption, flag, optional, portIn } from '../../domain/rules/fields.ts';
import { CLUSTER_PORT_RANGE, CONFIG_PORT_FIELDS, portOwner, type ConfigPortField } from '../../domain/rules/ports.ts';
import { check } from './check.ts';

const portFields = Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[];

/** The configuration after the request, and which fields really change. */
export function configChanges(state: ClusterState, d: ConfigureCluster['data']): Partial<ClusterConfig> {
  const out: Partial<Record<keyof ClusterConfig, number | boolean>> = {};
  for (const field of [...portFields, 'httpSupport'] as const) {
    const value = d[field];
    if (value !== undefined && value !== state.config[field]) out[field] = value as number | boolean;
  }
  return out as Partial<ClusterConfig>;
}

export const configureChecks = [
  check('ConfigureCluster', 'configPortInvalid', ['PORT-CM-002'], (_s, d) =>
    portFields.map((f) => optional(portIn(CONFIG_PORT_FIELDS[f], CLUSTER_PORT_RANGE))(d[f])).find((p) => p !== null) ?? null,
  ),
  check('ConfigureCluster', 'configHttpSupportInvalid', ['PORT-HTTP-002'], (_s, d) => optional(flag('http_support'))(d.httpSupport)),
  check('ConfigureCluster', 'configPortInUse', ['PORT-CM-001', 'PORT-CM-003'], (s, d) => {
    // Checked against the configuration as it would be, so two ports may swap in one request.
    const after: ClusterState = { ...s, config: { ...s.config, ...configChanges(s, d) } };
    for (const field of portFields) {
      const port = d[field] as number | undefined;
      if (port === undefined || port === s.config[field]) continue;
      const owner = portOwner(after, port, field);
      if (owner) return reject.badNginxConf(CONFIG_PORT_FIELDS[field], port, owner);
    }
    return null;
  }),
];

export const policyChecks = [
  check('SetClusterPolicy', 'policyInvalid', ['ENC-DATA-004'], (_s, d) => dataInternodeEncryption(d.dataInternodeEncryption)),
];

export const alertChecks = [
  check('SetAlertSettings', 'alertSettingsInvalid', ['CERT-ALR-002'], (_s, d) => ALERT_NAMES.map((n) => alertSettingProblem(n, d[n])).find((p) => p !== null) ?? null),
];

/** The merged settings that really change, or null when nothing does. */
export function alertSettingsChanged(state: ClusterState, d: SetAlertSettings['data']): AlertSettingsChanged | null {
  const data: { -readonly [K in keyof ClusterState['alerts']]?: AlertSetting } = {};
  for (const name of ALERT_NAMES) {
    const input = d[name];
    if (!input) continue;
    const current = state.alerts[name];
    const next = {
      enabled: (input.enabled as boolean | undefined) ?? current.enabled,
      thresholdDays: (input.thresholdDays as number | undefined) ?? current.thresholdDays,
    };
    if (next.enabled !== current.enabled || next.thresholdDays !== current.thresholdDays) data[name] = next;
  }
  return Object.keys(data).length ? { type: 'AlertSettingsChanged', data } : null;
}

export const configured = (state: ClusterState, d: ConfigureCluster['data']): DomainEvent[] => {
  const changes = configChanges(state, d);
  return Object.keys(changes).length ? [{ type: 'ClusterConfigured', data: { changes } }] : [];
};
