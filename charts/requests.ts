import { SOURCES, describeSource, type CommandSource } from '../domain/requests.ts';
import type { CommandType } from '../domain/commands.ts';
import { requirementsOf, type AnyTransition } from '../machines/introspect.ts';
import { eventName, guardName } from './labels.ts';

/**
 * The events a child machine receives from the cluster machine, by the command that causes them:
 * a reader knows the request, not the machine's internal event.
 */
const CAUSED_BY: Readonly<Record<string, CommandType>> = {
  ClockAdvanced: 'AdvanceClock',
  AlertThresholdChanged: 'SetAlertSettings',
};

/** A guard as the condition a reader checks. */
const CONDITIONS: Readonly<Record<string, string>> = {
  addrBound: 'its internal address is bound on its host',
  addrUnchanged: 'the address is the one it has',
  externalUnchanged: 'the list is the one it has',
  nothingChanges: 'nothing changes',
  encryptionChanges: 'data_internode_encryption changes',
  rotationDue: 'the node is up and rotation is due',
  expired: 'past its 90 days',
  belowThreshold: 'under the alert threshold',
};

/** Where a transition's event comes from: the requests (or the cluster's own work) behind it. */
export function sourcesOf(t: AnyTransition): readonly CommandSource[] {
  const event = t.eventType as string;
  const command = (CAUSED_BY[event] ?? event) as CommandType;
  return SOURCES[command] ?? [];
}

/** The family a request belongs to, so a state's many loops can be drawn one per family. */
export function familyOf(sources: readonly CommandSource[]): string {
  const first = sources[0];
  if (!first) return 'internal';
  if (first.via === 'cluster') return "the cluster's own work";
  if (first.via === 'control') return 'test control (the operator, on a real cluster)';
  if (first.via === 'host') return "a host's bootstrap API";
  const resource = /^\/v1\/(\w+)/.exec(first.path)?.[1];
  return resource === 'bdbs' ? 'databases' : resource === 'nodes' ? 'nodes' : 'cluster settings and certificates';
}

const condition = (guard: string) => CONDITIONS[guard] ?? guard;

/**
 * A transition as a reader follows it: the request that causes it, the condition it is taken on
 * (its own guard, and `unless` the guards of the alternatives for the same event tried before it),
 * and the requirement IDs it enforces.
 */
export function transitionLines(t: AnyTransition, guardsBefore: readonly string[] = []): string[] {
  const sources = sourcesOf(t);
  const request = sources.length ? sources.map(describeSource).join(' or ') : eventName(t);
  const guard = guardName(t);
  const conditions = [...(guard ? [`if ${condition(guard)}`] : []), ...(guardsBefore.length ? [`unless ${guardsBefore.map(condition).join(' or ')}`] : [])];
  const reqs = requirementsOf(t).join(', ');
  const detail = [...conditions, reqs].filter(Boolean).join(' · ');
  return detail ? [request, `    ${detail}`] : [request];
}
