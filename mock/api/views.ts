/**
 * Views: the state in the real API's shapes and field names, one file per object under
 * `views/` (sources of each object's fields: spec/objects.md).
 */
export { removalView } from './views/actions.ts';
export { clusterAlertsView, nodeAlertsView } from './views/alerts.ts';
export { bootstrapView } from './views/bootstrap.ts';
export { alertSettingsView, clusterView, policyView, systemReservedPorts } from './views/cluster.ts';
export { databaseView } from './views/database.ts';
export { iso, isoSeconds, PLANE_CERT_NAMES } from './views/names.ts';
export { clientAddresses, endpointNode, nodeStatusView, nodeView, shardsOn } from './views/node.ts';
export { clusterJson, databaseJson, nodeJson, nodesJson } from './views/json.ts';
