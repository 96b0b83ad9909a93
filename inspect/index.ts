// Watching the cluster's machines in the Stately inspector
export { inspectCluster } from './attach.ts';
export type { ClusterInspection } from './attach.ts';
export { mirrorCluster } from './mirror.ts';
export type { ActorLike, EventSource, InspectedSnapshot, InspectionSink } from './mirror.ts';
export { socketAdapter } from './socket.ts';
export type { SocketAdapter, SocketAdapterOptions } from './socket.ts';
export { certificateId, databaseId, entitiesOf, entityOfEvent, FINAL_VALUE, MACHINE_OF, nodeId } from './entities.ts';
export type { Entity, EntityKind } from './entities.ts';
export { DEFAULT_INSPECT_URL, inspectUrlProblem, withInspectDefault } from './option.ts';
