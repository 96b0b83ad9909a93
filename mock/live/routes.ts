import type { Route } from '../api/route.ts';
import { livePage } from './page.ts';
import { liveStream } from './stream.ts';

/**
 * The live view: `GET /live` (the page) and `GET /live/events` (its feed). Beside the API,
 * like the control protocol: behind the same credentials, not part of the documented API.
 */
export const liveRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/live',
    handle: async () => new Response(await livePage(), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }),
  },
  {
    method: 'GET',
    path: '/live/events',
    handle: ({ cluster }) =>
      new Response(liveStream(cluster), { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } }),
  },
];
