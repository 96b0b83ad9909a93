import { done, failed, isRefusal, refused } from '../outcome.ts';
import { waitFor } from '../wait.ts';
import { enabled, one, send, type Command } from './command.ts';
import { resolveDatabase } from './database.ts';

/** What the real `rladmin tune` prints when the change is made. */
export const FINISHED = 'Finished successfully';

const PENDING = new Set(['pending', 'active-change-pending']);

export const tuneCommands: readonly Command[] = [
  {
    usage: 'tune db <db> data_internode_encryption { enabled | disabled }',
    summary: "turn a database's data internode encryption on or off (its proxy restarts)",
    async run(v, ctx) {
      const db = await resolveDatabase(ctx, one(v, 'db'));
      if ('outcome' in db) return db.outcome;
      const answer = await send(ctx, 'UpdateDatabase', { uid: String(db.uid) }, { data_internode_encryption: enabled(v, 'data_internode_encryption') });
      if (isRefusal(answer)) return refused(answer);
      // Like the real tool, report only once the database has applied the change.
      const settled = await waitFor(async () => {
        const now = await ctx.api('GET', `/v1/bdbs/${db.uid}`);
        if (isRefusal(now)) return now;
        return PENDING.has((now.body as { status?: string }).status ?? '') ? undefined : now;
      }, ctx);
      if (!settled.finished) return failed(`database ${db.uid} is still applying the change after ${Math.round(ctx.waitMs / 1000)} s`);
      if (isRefusal(settled.value)) return refused(settled.value);
      return done(FINISHED);
    },
  },
  {
    usage: 'tune cluster data_internode_encryption { enabled | disabled }',
    summary: 'set the cluster policy: data internode encryption for new databases',
    async run(v, ctx) {
      const answer = await send(ctx, 'SetClusterPolicy', {}, { data_internode_encryption: enabled(v, 'data_internode_encryption') });
      return isRefusal(answer) ? refused(answer) : done(FINISHED);
    },
  },
];
