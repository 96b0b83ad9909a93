import { CONFIG_PORT_FIELDS } from '../../../domain/rules/ports.ts';

/**
 * The API's name of each field the model keeps under its own name: what a client reads in the
 * objects and sends in its requests. Whatever shows the model's changes to a client (the log's
 * `changes`) names fields through this, never by the model's names.
 */
export const API_NAMES: Readonly<Record<string, string>> = {
  ...CONFIG_PORT_FIELDS,
  httpSupport: 'http_support',
  dataInternodeEncryption: 'data_internode_encryption',
  memorySize: 'memory_size',
  name: 'name',
  port: 'port',
  clusterCertsAboutToExpire: 'cluster_certs_about_to_expire',
  nodeInternalCertsAboutToExpire: 'node_internal_certs_about_to_expire',
  thresholdDays: 'threshold',
  enabled: 'enabled',
};

/** A field's API name: the table's, else the model's name in the API's snake_case, so none leaks as it is. */
export const apiName = (field: string): string => API_NAMES[field] ?? field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A model object under the API's names, nested objects too. `settings` holds what a client set
 * without a rule of the model, already under the API's names, so it is spread in as it is.
 */
export function apiFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'settings' && typeof value === 'object' && value !== null) Object.assign(out, value);
    else out[apiName(key)] = typeof value === 'object' && value !== null && !Array.isArray(value) ? apiFields(value as Record<string, unknown>) : value;
  }
  return out;
}
