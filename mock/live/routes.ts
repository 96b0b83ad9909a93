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
    handle: async () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: await livePage() }),
  },
  {
    method: 'GET',
    path: '/live/events',
    handle: ({ cluster }) => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
      body: liveStream(cluster),
    }),
  },
];
