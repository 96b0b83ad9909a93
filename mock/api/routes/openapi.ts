import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from '../../../spec/dir.ts';
import type { Reply, Route } from '../route.ts';

let document: string | undefined;

/**
 * `GET /openapi.yaml`: the API this mock serves, for tools that generate a client or a UI from
 * it. A real cluster serves no such document; this is the mock's convenience, so it is outside
 * `/v1` (where only the real API's paths are) and open without credentials, as documentation is.
 */
export const openApiRoutes: Route[] = [
  {
    method: 'GET',
    path: '/openapi.yaml',
    open: true,
    handle: (): Reply => {
      document ??= readFileSync(join(SPEC_DIR, 'openapi.yaml'), 'utf8');
      return { status: 200, headers: { 'content-type': 'application/yaml; charset=utf-8' }, body: document };
    },
  },
];
