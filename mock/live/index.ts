// The live view of the mock's machines
export { liveRoutes } from './routes.ts';
export { livePage } from './page.ts';
export { HISTORY, liveStream } from './stream.ts';
export { activeStateIds, entityViews, timelineEntry } from './view.ts';
export type { EntityView, TimelineEntry } from './view.ts';
