import { refuse } from '../http.ts';
import { logEntries, parseLogQuery } from '../logs.ts';
import { json, type Route } from '../route.ts';

export const logRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/logs',
    handle: (ctx) => {
      const q = parseLogQuery(ctx.url.searchParams);
      if (typeof q === 'string') return refuse({ status: 400, error_code: 'invalid_parameter', description: q });
      return json(200, logEntries(ctx.cluster.store.read(), q));
    },
  },
];
