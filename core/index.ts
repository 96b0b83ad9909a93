// Above the machines: deciding requests, the log and what is folded from it.
export { decideAll } from './decide.ts';
export { invariantViolations } from './invariants.ts';
export { completionKey, pendingCompletions } from './pending.ts';
export { topologyCommands, hostAddresses } from './topology.ts';
export type { Topology } from './topology.ts';

// The log
export type { AggregateOptions, ExecuteResult } from './aggregate.ts';
export { ClusterAggregate } from './aggregate.ts';
export { fold, stateAt } from './replay.ts';
export type { AppendResult, EventStore, Snapshot, SnapshotStore } from './store/eventStore.ts';
export { MemoryEventStore, MemorySnapshotStore } from './store/memoryEventStore.ts';
