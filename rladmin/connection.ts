import { readFileSync } from 'node:fs';
import { httpTarget } from '../api/http.ts';
import type { Target } from '../api/target.ts';

/** Where `npm run mock` serves its REST API, and its credentials. */
export const DEFAULT_TARGET = { url: 'https://127.0.0.1:9443', user: 'admin@example.com', password: 'admin' } as const;

export interface ConnectionOptions {
  readonly target?: string | undefined;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly ca?: string | undefined;
  readonly insecure?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
}

export class BadConnection extends Error {}

/**
 * The cluster a command line names: flags first, then `RLADMIN_TARGET`, `RLADMIN_USER` and
 * `RLADMIN_PASSWORD`, then the local mock. Without any target named, the mock's self-signed
 * certificate on loopback is accepted; a target named explicitly is verified unless `--ca` or
 * `--insecure` says otherwise.
 */
export function connect(o: ConnectionOptions, env: Readonly<Record<string, string | undefined>>): Target {
  const named = o.target ?? env.RLADMIN_TARGET;
  const url = named ?? DEFAULT_TARGET.url;
  try {
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error();
  } catch {
    throw new BadConnection(`--target must be an http:// or https:// URL, not '${url}'`);
  }
  let ca: string | undefined;
  if (o.ca !== undefined) {
    try {
      ca = readFileSync(o.ca, 'utf8');
    } catch (e) {
      throw new BadConnection(`cannot read --ca ${o.ca}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return httpTarget({
    url,
    user: o.user ?? env.RLADMIN_USER ?? DEFAULT_TARGET.user,
    password: o.password ?? env.RLADMIN_PASSWORD ?? DEFAULT_TARGET.password,
    ...(ca !== undefined ? { ca } : {}),
    insecure: o.insecure ?? (named === undefined && ca === undefined),
    timeoutMs: o.timeoutMs ?? 10_000,
  });
}
