import { reject } from '../../../domain/rejections.ts';
import { refuse } from '../http.ts';
import { logEntries, parseLogQuery } from '../logs.ts';
import { json, type Route } from '../route.ts';

export const logRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/logs',
    handle: (ctx) => {
      const q = parseLogQuery(ctx.url.searchParams, { zeroMeansAll: ctx.cluster.forms.has('log-limit-zero-means-all') });
      if (typeof q === 'string') return refuse(reject.invalidParameter(q));
      return json(200, logEntries(ctx.cluster.store.read(), q));
    },
  },
];
