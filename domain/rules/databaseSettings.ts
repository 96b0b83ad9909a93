/**
 * Database fields real clients send that the model has no rule for (the bdb object of the
 * REST API reference, `objects/bdb/_index.md`): a creation or an update stores them as they
 * are sent, and `GET /v1/bdbs/{uid}` answers them back. Each is checked for its documented
 * type and values only.
 */
type Check = (v: unknown) => boolean;

const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const bool: Check = (v) => typeof v === 'boolean';
const count = (min: number): Check => (v) => Number.isSafeInteger(v) && (v as number) >= min;
const str: Check = (v) => typeof v === 'string';
const list = (item: Check): Check => (v) => Array.isArray(v) && v.every(item);
// A JSON value has a string `module_name` only if it is an object: no other test is needed, and a
// test that could never decide anything would hide a mistake in the one that does.
const module: Check = (v) => typeof (v as { module_name?: unknown } | null)?.module_name === 'string';

export const DATABASE_SETTINGS: Readonly<Record<string, { readonly check: Check; readonly expected: string }>> = {
  type: { check: oneOf('redis', 'memcached'), expected: '"redis" or "memcached"' },
  replication: { check: bool, expected: 'true or false' },
  sharding: { check: bool, expected: 'true or false' },
  shards_count: { check: count(1), expected: 'a positive integer' },
  shards_placement: { check: oneOf('dense', 'sparse'), expected: '"dense" or "sparse"' },
  proxy_policy: { check: oneOf('single', 'all-master-shards', 'all-nodes'), expected: '"single", "all-master-shards" or "all-nodes"' },
  tls_mode: { check: oneOf('enabled', 'disabled', 'replica_ssl'), expected: '"enabled", "disabled" or "replica_ssl"' },
  ssl: { check: bool, expected: 'true or false' },
  eviction_policy: {
    check: oneOf('volatile-lru', 'volatile-ttl', 'volatile-random', 'allkeys-lru', 'allkeys-random', 'noeviction', 'volatile-lfu', 'allkeys-lfu'),
    expected: 'a Redis eviction policy',
  },
  module_list: { check: list(module), expected: 'a list of modules, each with its module_name' },
  oss_cluster: { check: bool, expected: 'true or false' },
  oss_cluster_api_preferred_ip_type: { check: oneOf('internal', 'external'), expected: '"internal" or "external"' },
  oss_cluster_api_preferred_endpoint_type: { check: oneOf('ip', 'hostname'), expected: '"ip" or "hostname"' },
  data_persistence: { check: oneOf('disabled', 'snapshot', 'aof'), expected: '"disabled", "snapshot" or "aof"' },
  aof_policy: { check: oneOf('appendfsync-every-sec', 'appendfsync-always'), expected: '"appendfsync-every-sec" or "appendfsync-always"' },
  snapshot_policy: { check: list((v) => typeof v === 'object' && v !== null), expected: 'a list of snapshot rules' },
  replica_ha: { check: bool, expected: 'true or false' },
  slave_ha: { check: bool, expected: 'true or false' },
  rack_aware: { check: bool, expected: 'true or false' },
  hash_slots_policy: { check: oneOf('legacy', '16k'), expected: '"legacy" or "16k"' },
  oss_sharding: { check: bool, expected: 'true or false' },
  redis_version: { check: str, expected: 'a version string' },
  authentication_redis_pass: { check: str, expected: 'a string' },
  default_user: { check: bool, expected: 'true or false' },
  resp3: { check: bool, expected: 'true or false' },
  max_connections: { check: count(0), expected: 'a non-negative integer' },
  backup: { check: bool, expected: 'true or false' },
  backup_interval: { check: count(0), expected: 'a non-negative integer' },
  email_alerts: { check: bool, expected: 'true or false' },
  wait_command: { check: bool, expected: 'true or false' },
  bigstore: { check: bool, expected: 'true or false' },
};

export const isDatabaseSetting = (field: string): boolean => Object.hasOwn(DATABASE_SETTINGS, field);

/** The first setting of the wrong type or value, in words; null when all are fine. */
export function settingsProblem(settings: unknown): string | null {
  if (settings === undefined) return null;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return 'settings must be an object';
  for (const [field, value] of Object.entries(settings)) {
    const rule = isDatabaseSetting(field) ? DATABASE_SETTINGS[field]! : undefined;
    if (!rule) return `'${field}' is not a database setting`;
    if (!rule.check(value)) return `${field} must be ${rule.expected}`;
  }
  return null;
}
