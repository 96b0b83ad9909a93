// Commands and events
export type { Command, CommandOf, CommandType } from './commands.ts';
export type { DomainEvent, EventOf, EventType, RecordedEvent } from './events.ts';
export { EVENT_VERSIONS } from './events.ts';

// State
export type {
  AddressFamily,
  AlertSetting,
  CertificateState,
  CertificateStatus,
  ClusterConfig,
  ClusterState,
  DatabaseState,
  DatabaseStatus,
  HostState,
  NodeState,
  NodeStatus,
  Plane,
  RemovalStatus,
} from './state.ts';
export { certificateKey, DEFAULT_CONFIG, initialState, PLANES } from './state.ts';

// Deciding and folding
export type { Decision } from './decide.ts';
export { decide, decideAll } from './decide.ts';
export { evolve, evolveAll } from './evolve/index.ts';
export type { Rejection } from './rejections.ts';
export { reject } from './rejections.ts';
export { invariantViolations } from './invariants.ts';

// The log
export type { AggregateOptions, ExecuteResult } from './aggregate.ts';
export { ClusterAggregate } from './aggregate.ts';
export { fold, stateAt } from './replay.ts';
export type { AppendResult, EventStore, Snapshot, SnapshotStore } from './store/eventStore.ts';
export { MemoryEventStore, MemorySnapshotStore } from './store/memoryEventStore.ts';
export { UnknownEventVersion, upcast } from './upcast.ts';
