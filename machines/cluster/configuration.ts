import type { AlertSettingInput, ConfigureCluster, SetAlertSettings } from '../../domain/commands.ts';
import type { AlertSettingsChanged, DomainEvent } from '../../domain/events.ts';
import { reject } from '../../domain/rejections.ts';
import type { AlertSetting, ClusterConfig, ClusterState } from '../../domain/state.ts';
import { VALIDITY_DAYS } from '../../domain/rules/certificates.ts';
import { CLUSTER_PORT_RANGE, CONFIG_PORT_FIELDS, inRange, portOwner, type ConfigPortField } from '../../domain/rules/ports.ts';
import { check } from './checks.ts';

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
  check('ConfigureCluster', 'configPortInvalid', ['PORT-CM-002'], (_s, d) => {
    const bad = portFields.find((f) => d[f] !== undefined && !inRange(d[f], CLUSTER_PORT_RANGE));
    return bad ? reject.invalidPort(CONFIG_PORT_FIELDS[bad], d[bad], '1024-65535') : null;
  }),
  check('ConfigureCluster', 'configHttpSupportInvalid', ['PORT-HTTP-002'], (_s, d) =>
    d.httpSupport === undefined || typeof d.httpSupport === 'boolean' ? null : reject.invalidParameter('http_support must be true or false'),
  ),
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
  check('SetClusterPolicy', 'policyInvalid', ['ENC-DATA-004'], (_s, d) =>
    typeof d.dataInternodeEncryption === 'boolean' ? null : reject.invalidParameter('data_internode_encryption must be true or false'),
  ),
];

/** Node certificates live 90 days, so a threshold must be below that for the alert to ever clear. */
const THRESHOLD_LIMITS = { clusterCertsAboutToExpire: 3650, nodeInternalCertsAboutToExpire: VALIDITY_DAYS - 1 } as const;
type AlertName = keyof typeof THRESHOLD_LIMITS;
const alertNames = Object.keys(THRESHOLD_LIMITS) as AlertName[];

function settingProblem(name: AlertName, input: AlertSettingInput | undefined): string | null {
  if (input === undefined) return null;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return `${name} must be an object`;
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') return `${name}.enabled must be true or false`;
  const t = input.thresholdDays;
  if (t !== undefined && !(Number.isInteger(t) && (t as number) >= 1 && (t as number) <= THRESHOLD_LIMITS[name])) {
    return `${name}.threshold must be a whole number of days from 1 to ${THRESHOLD_LIMITS[name]}`;
  }
  return null;
}

export const alertChecks = [
  check('SetAlertSettings', 'alertSettingsInvalid', ['CERT-ALR-002'], (_s, d) => {
    const problem = alertNames.map((n) => settingProblem(n, d[n])).find((p) => p !== null);
    return problem ? reject.invalidParameter(problem) : null;
  }),
];

/** The merged settings that really change, or null when nothing does. */
export function alertSettingsChanged(state: ClusterState, d: SetAlertSettings['data']): AlertSettingsChanged | null {
  const data: { -readonly [K in AlertName]?: AlertSetting } = {};
  for (const name of alertNames) {
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
