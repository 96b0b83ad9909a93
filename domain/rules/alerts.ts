import { reject, type Rejection } from '../rejections.ts';
import type { ClusterState } from '../state.ts';
import { VALIDITY_DAYS } from './certificates.ts';
import { flag } from './fields.ts';

type AlertName = keyof ClusterState['alerts'];

/** The alerts the model has, each by the name `alert_settings` gives it in the API. */
export const ALERT_FIELDS = {
  clusterCertsAboutToExpire: 'cluster_certs_about_to_expire',
  nodeInternalCertsAboutToExpire: 'node_internal_certs_about_to_expire',
} as const satisfies Record<AlertName, string>;

export const ALERT_NAMES = Object.keys(ALERT_FIELDS) as AlertName[];

/** Node certificates live 90 days, so a threshold must be below that for the alert to ever clear. */
export const THRESHOLD_LIMITS = { clusterCertsAboutToExpire: 3650, nodeInternalCertsAboutToExpire: VALIDITY_DAYS - 1 } as const satisfies Record<AlertName, number>;

/** The problem with one alert's setting (`enabled`, `threshold` in days), named as the request spells it. */
export function alertSettingProblem(name: AlertName, input: unknown): Rejection | null {
  if (input === undefined) return null;
  const field = `alert_settings.${ALERT_FIELDS[name]}`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return reject.invalidParameter(`${field} must be an object`);
  const { enabled, thresholdDays: t } = input as { enabled?: unknown; thresholdDays?: unknown };
  if (enabled !== undefined) {
    const problem = flag(`${field}.enabled`)(enabled);
    if (problem) return problem;
  }
  if (t !== undefined && !(Number.isInteger(t) && (t as number) >= 1 && (t as number) <= THRESHOLD_LIMITS[name])) {
    return reject.invalidParameter(`${field}.threshold must be a whole number of days from 1 to ${THRESHOLD_LIMITS[name]}`);
  }
  return null;
}
