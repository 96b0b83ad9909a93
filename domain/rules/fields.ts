/**
 * Validators of request fields, each written once and used by every command that carries the
 * field (a database's fields at creation and on update, `data_internode_encryption` on a
 * database and on the policy, a port wherever one is set). Each returns the refusal, naming the
 * field as the API spells it, or null.
 */
import { reject, type Rejection } from '../rejections.ts';
import { canonicalAddress, externalAddressProblem, parseAddress } from './address.ts';
import { settingsProblem } from './databaseSettings.ts';
import { isValidDatabaseName } from './names.ts';
import { show } from './show.ts';
import type { AddressFamily } from '../state.ts';

export type FieldRule = (value: unknown) => Rejection | null;

/** The rule for a field a request may leave out: absent is fine, present must pass. */
export const optional =
  (rule: FieldRule): FieldRule =>
  (value) =>
    value === undefined ? null : rule(value);

export const flag =
  (field: string): FieldRule =>
  (value) =>
    typeof value === 'boolean' ? null : reject.invalidParameter(`${field} must be true or false`);

export const portIn =
  (field: string, range: { readonly min: number; readonly max: number }): FieldRule =>
  (value) =>
    Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max ? null : reject.invalidPort(field, value, `${range.min}-${range.max}`);

/** Any TCP port: a database's endpoint, or one held by another process. */
export const anyPort = (field: string) => portIn(field, { min: 1, max: 65_535 });

/** A database's `port`, at creation and on update. */
export const databasePort = anyPort('port');

/**
 * `port: 0` asks the cluster to choose, as the API itself reports a port it chose (PORT-DB-006):
 * at creation it is the same as no port (PORT-DB-007).
 */
export const AUTO_PORT = 0;

/** The port a request asks for: undefined when it leaves the choice to the cluster. */
export const requestedPort = (port: unknown): unknown => (port === AUTO_PORT ? undefined : port);

/** A database's name; missing (absent or empty) has its own documented code. */
export const databaseName: FieldRule = (name) =>
  name === undefined || name === '' ? reject.missingDbName() : isValidDatabaseName(name) ? null : reject.invalidDbName(show(name));

export const memorySize: FieldRule = (value) =>
  Number.isSafeInteger(value) && (value as number) > 0 ? null : reject.invalidParameter('memory_size must be a positive integer');

export const dataInternodeEncryption = flag('data_internode_encryption');

/** A list of addresses, each once: a node's `external_addr`, a host's `addresses`. */
export const addressList =
  (field: string): FieldRule =>
  (value) => {
    const problem = externalAddressProblem(value, field);
    return problem ? reject.invalidParameter(problem) : null;
  };

export const externalAddrs = addressList('external_addr');

/** An internal address that does not parse. */
export const malformedAddress: FieldRule = (addr) => {
  const p = parseAddress(addr);
  return p.ok ? null : reject.invalidAddress(show(addr), p.why);
};

/** An address another node uses (`inUse`: canonical form → who, in words). */
export const addressTaken = (addr: unknown, inUse: Readonly<Record<string, string>>): Rejection | null => {
  const a = canonicalAddress(addr);
  return Object.hasOwn(inUse, a) ? reject.addressInUse(a, inUse[a]!) : null;
};

/** The first address of a list another node uses. */
export const listedAddressTaken = (addrs: unknown, inUse: Readonly<Record<string, string>>): Rejection | null => {
  for (const a of (addrs ?? []) as unknown[]) {
    const taken = addressTaken(a, inUse);
    if (taken) return taken;
  }
  return null;
};

/** A well-formed internal address of the other family than the cluster's. */
export const addressOfOtherFamily = (addr: unknown, family: AddressFamily): Rejection | null => {
  const p = parseAddress(addr);
  return p.ok && p.family !== family ? reject.addressFamilyMismatch(show(addr), family) : null;
};

/** The documented database fields the model stores as sent (`type`, `replication`, …): each within its documented values. */
export const databaseSettings: FieldRule = (value) => {
  const problem = settingsProblem(value);
  return problem ? reject.invalidParameter(problem) : null;
};
