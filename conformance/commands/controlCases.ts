import type { Command } from '../../domain/commands.ts';
import { portOwner } from '../../domain/rules/ports.ts';
import type { Model } from '../model.ts';
import type { Refusal } from '../profile.ts';

/** A control operation, named by the capability that offers it (spec/control.md). */
export type ControlOperation = 'reset' | 'spare-hosts' | 'host-addresses' | 'power' | 'clock' | 'foreign-ports' | 'hold-work' | 'crash';

/**
 * A malformed request, built from the model when it is sent; its expected refusal is the model's
 * decision of `commands` (the request's meaning in the model), or `refusal` where the model has no
 * command for it (the request is refused for its shape before it means anything).
 */
export interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly commands?: readonly Command[];
  readonly refusal?: Refusal;
}

export interface ControlCase {
  readonly name: string;
  readonly operation: ControlOperation;
  readonly send: (m: Readonly<Model>) => Sent;
}

const DAY_MS = 86_400_000;
const invalid: Refusal = { status: 400, error_code: 'invalid_parameter' };
const unknownField: Refusal = { status: 400, error_code: 'unknown_field' };
// A body that is JSON but not an object: the transport sends JSON, so this is the body a client
// gets wrong that it can send (spec/control.md, "Transport").
const notAnObject: Refusal = { status: 400, error_code: 'invalid_json' };

/** The first host by id: every cluster the suite resets has it. */
const firstHost = (m: Readonly<Model>) => Object.keys(m.state.hosts).sort()[0] ?? 'host-1';
/** The host a spare host added now would be: the lowest `host-<n>` not in use (spec/control.md). */
function nextHost(m: Readonly<Model>): string {
  let n = 1;
  while (m.state.hosts[`host-${n}`]) n++;
  return `host-${n}`;
}
/** The target's uid of a node there is (the first), so that only the body is wrong. */
const someNode = (m: Readonly<Model>) => m.targetNode(m.pickable('nodes')[0] ?? '1');
/** A port no one holds, so that a body's fault is the only one. */
const freePort = (m: Readonly<Model>) => [7999, 7998, 7997].find((p) => !m.state.foreignPorts.includes(p) && !portOwner(m.state, p)) ?? 7996;
/** A port in the path as the control protocol reads it: digits are a number, anything else is sent as it is. */
const pathPort = (text: string): unknown => (/^\d{1,5}$/.test(text) ? Number(text) : text);

const setAddresses = (name: string, addresses: unknown, host?: string): ControlCase => ({
  name,
  operation: 'host-addresses',
  send: (m) => {
    const hostId = host ?? firstHost(m);
    const body = addresses === undefined ? {} : { addresses };
    return { method: 'PUT', path: `/hosts/${hostId}/addresses`, body, commands: [{ type: 'SetHostAddresses', data: { hostId, boundAddrs: addresses } }] };
  },
});
const addHost = (name: string, addresses: unknown): ControlCase => ({
  name,
  operation: 'spare-hosts',
  send: (m) => ({ method: 'POST', path: '/hosts', body: { addresses }, commands: [{ type: 'AddHost', data: { hostId: nextHost(m), boundAddrs: addresses } }] }),
});
const literal = (operation: ControlOperation, name: string, method: string, path: (m: Readonly<Model>) => string, body: unknown, refusal: Refusal): ControlCase => ({
  name,
  operation,
  send: (m) => ({ method, path: path(m), ...(body !== undefined ? { body } : {}), refusal }),
});
const power = (name: string, body: unknown, refusal: Refusal) => literal('power', name, 'POST', (m) => `/nodes/${someNode(m)}/power`, body, refusal);
const clock = (name: string, body: unknown, refusal: Refusal = invalid) => literal('clock', name, 'POST', () => '/clock', body, refusal);
const port = (held: boolean, text: string): ControlCase => ({
  name: `${held ? 'hold' : 'release'} port ${JSON.stringify(text)}`,
  operation: 'foreign-ports',
  send: () => ({ method: held ? 'POST' : 'DELETE', path: `/ports/${text}`, commands: [{ type: held ? 'HoldPort' : 'ReleasePort', data: { port: pathPort(text) } }] }),
});
const work = (name: string, body: unknown, refusal: Refusal = invalid) => literal('hold-work', name, 'POST', () => '/work', body, refusal);
const reset = (name: string, body: unknown, refusal: Refusal = invalid) => literal('reset', name, 'POST', () => '/reset', body, refusal);
const crash = (name: string, body: unknown, refusal: Refusal = invalid) => literal('crash', name, 'POST', () => '/crash', body, refusal);

/** Every malformed request the suite sends to the control protocol, one fault each. */
export const CONTROL_CASES: readonly ControlCase[] = [
  setAddresses('addresses not a list', '10.0.0.23'),
  setAddresses('a malformed address', ['10.0.0.300']),
  setAddresses('an address that is not a string', [7]),
  setAddresses('an address with a leading zero', ['010.0.0.23']),
  setAddresses('no addresses', undefined),
  setAddresses('an unknown host', ['10.0.0.23'], 'host-99'),
  setAddresses('a host id with a character no id has', ['10.0.0.23'], 'host.1'),
  setAddresses('a host id longer than 64', ['10.0.0.23'], `host-${'1'.repeat(64)}`),
  literal('host-addresses', 'a field it does not take', 'PUT', (m) => `/hosts/${firstHost(m)}/addresses`, { addresses: ['10.0.0.23'], host: 'host-9' }, unknownField),
  literal('host-addresses', 'a body that is not an object', 'PUT', (m) => `/hosts/${firstHost(m)}/addresses`, ['10.0.0.23'], notAnObject),
  addHost('a spare host with a malformed address', ['10.0.0.300']),
  addHost('a spare host with addresses not a list', '10.0.0.23'),
  literal('spare-hosts', 'a spare host named by the request', 'POST', () => '/hosts', { host: 'host-9' }, unknownField),
  literal('spare-hosts', 'a spare host from a body that is not an object', 'POST', () => '/hosts', ['10.0.0.23'], notAnObject),
  power('a state that is not up or down', { state: 'off' }, invalid),
  power('a state that is not a string', { state: true }, invalid),
  power('no state', {}, invalid),
  power('a field it does not take', { state: 'down', force: true }, unknownField),
  power('a body that is not an object', 'down', notAnObject),
  literal('power', 'a node uid that is not a number', 'POST', () => '/nodes/x/power', { state: 'down' }, { status: 404, error_code: 'node_not_found' }),
  literal('power', 'a node uid that is a fraction', 'POST', () => '/nodes/1.5/power', { state: 'down' }, { status: 404, error_code: 'node_not_found' }),
  clock('negative days', { advance_days: -1 }),
  clock('days as a string', { advance_days: '8' }),
  clock('more days than a century', { advance_days: 36_501 }),
  clock('a time that is not a time', { now: 'yesterday' }),
  clock('a time with a month 13', { now: '2026-13-45T00:00:00Z' }),
  clock('a time in epoch milliseconds', { now: 1_767_225_600_000 }),
  clock('both days and a time', { advance_days: 8, now: '2100-01-01T00:00:00Z' }),
  clock('neither days nor a time', {}),
  clock('a field it does not take', { days: 8 }, unknownField),
  clock('a body that is not an object', 8, notAnObject),
  {
    name: 'a time before the clock',
    operation: 'clock',
    send: (m) => {
      const now = m.state.clock - DAY_MS;
      return { method: 'POST', path: '/clock', body: { now: new Date(now).toISOString() }, commands: [{ type: 'AdvanceClock', data: { now } }] };
    },
  },
  ...['abc', '0', '65536', '-1', '1.5'].flatMap((text) => [port(true, text), port(false, text)]),
  literal('foreign-ports', 'a port held with a field it does not take', 'POST', (m) => `/ports/${freePort(m)}`, { held: true }, unknownField),
  work('a hold that is not a boolean', { hold: 'yes' }),
  work('a hold of 1', { hold: 1 }),
  work('no hold', {}),
  work('a field it does not take', { hold: false, release: true }, unknownField),
  work('a body that is not an object', true, notAnObject),
  reset('no node', { nodes: 0 }),
  reset('nodes as a string', { nodes: '3' }),
  reset('negative spare hosts', { spare_hosts: -1 }),
  reset('an IPv6 flag that is not a boolean', { use_internal_ipv6: 'yes' }),
  reset('a field it does not take', { topology: 'small' }, unknownField),
  reset('a body that is not an object', [3], notAnObject),
  crash('a negative delay', { after_ms: -1 }),
  crash('a delay over a minute', { after_ms: 60_001 }),
  crash('a delay that is a fraction', { after_ms: 1.5 }),
  crash('a delay as a string', { after_ms: '20' }),
  crash('a field it does not take', { delay: 20 }, unknownField),
];

/** How a case is named: its operation and its fault (`clock: negative days`). */
export const caseId = (c: ControlCase): string => `${c.operation}: ${c.name}`;

/** The cases of some operations. */
export const casesOf = (operations: readonly ControlOperation[]): readonly ControlCase[] => CONTROL_CASES.filter((c) => operations.includes(c.operation));
