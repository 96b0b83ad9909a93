import type { Command } from '../../domain/commands.ts';
import { decide } from '../decide.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { Rejection } from '../../domain/rejections.ts';
import { initialState, type ClusterState } from '../../domain/state.ts';

/** 2026-01-01T00:00:00Z: the cluster clock at creation in every fixture. */
export const T0 = Date.UTC(2026, 0, 1);
export const DAY = 86_400_000;

export const host = (n: number, extra: string[] = []): Command => ({
  type: 'AddHost',
  data: { hostId: `h${n}`, boundAddrs: [`10.0.0.${n}`, ...extra] },
});

/** Hosts h1..h`hosts`, a cluster created on h1 and nodes joined on h2..h`nodes`. */
export function clusterCommands(nodes = 3, hosts = nodes + 1): Command[] {
  const out: Command[] = [];
  for (let i = 1; i <= hosts; i++) out.push(host(i, [`2001:db8::${i}`]));
  out.push({ type: 'CreateCluster', data: { name: 'cluster.example.com', hostId: 'h1', addr: '10.0.0.1', now: T0 } });
  for (let i = 2; i <= nodes; i++) out.push({ type: 'JoinNode', data: { hostId: `h${i}`, via: '10.0.0.1', addr: `10.0.0.${i}` } });
  return out;
}

/** Applies commands that must all be accepted; a rejection fails the test with its reason. */
export function given(commands: readonly Command[], from: ClusterState = initialState()): ClusterState {
  return commands.reduce((state, command) => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`given: ${command.type} was rejected: ${d.rejection.error_code}: ${d.rejection.description}`);
    return d.state;
  }, from);
}

/** The events a command causes; fails if it is rejected. */
export function accepted(state: ClusterState, command: Command): { events: readonly DomainEvent[]; state: ClusterState } {
  const d = decide(state, command);
  if (!d.ok) throw new Error(`${command.type} was rejected: ${d.rejection.error_code}: ${d.rejection.description}`);
  return d;
}

/** The rejection of a command; fails if it is accepted. */
export function rejected(state: ClusterState, command: Command): Rejection {
  const d = decide(state, command);
  if (d.ok) throw new Error(`${command.type} was accepted with ${d.events.map((e) => e.type).join(', ') || 'no events'}`);
  return d.rejection;
}

export const types = (events: readonly DomainEvent[]) => events.map((e) => e.type);
