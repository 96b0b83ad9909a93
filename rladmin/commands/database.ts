import { failed, isRefusal, refused, type Outcome } from '../outcome.ts';
import type { Context } from './command.ts';

/**
 * The uid of the database a command names. rladmin takes `db:<id>` or a name; the internode
 * encryption document writes `tune db <database_id>`, so a bare number that names no database
 * is taken as a uid too. Names are looked up in `GET /v1/bdbs`.
 */
export async function resolveDatabase(ctx: Context, given: string): Promise<{ readonly uid: string } | { readonly outcome: Outcome }> {
  const byId = /^db:(\d+)$/.exec(given);
  if (byId) return { uid: byId[1]! };
  const answer = await ctx.api('GET', '/v1/bdbs');
  if (isRefusal(answer)) return { outcome: refused(answer) };
  const dbs = Array.isArray(answer.body) ? (answer.body as { uid?: unknown; name?: unknown }[]) : [];
  const named = dbs.find((db) => db.name === given);
  if (named) return { uid: String(named.uid) };
  if (/^\d+$/.test(given)) return { uid: given };
  return { outcome: failed(`there is no database named '${given}'`) };
}
