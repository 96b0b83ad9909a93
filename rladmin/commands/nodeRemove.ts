import { done, failed, isRefusal, refused } from '../outcome.ts';
import { waitFor } from '../wait.ts';
import { enabled, one, send, type Command, type Context } from './command.ts';

type Ending = { readonly ok: true } | { readonly ok: false; readonly why: string };

const ENDED_BADLY = new Set(['failed', 'aborted', 'cancelled']);

/**
 * Where the removal stands: the action's own status, or (for a target that keeps no finished
 * actions) the node being gone. Undefined while it runs.
 */
async function removalEnding(ctx: Context, id: string): Promise<Ending | undefined> {
  const action = await ctx.api('GET', `/v1/nodes/${id}/actions/remove`);
  if (action.status === 200) {
    const a = action.body as { status?: unknown; error_code?: unknown; error_message?: unknown };
    if (a.status === 'completed') return { ok: true };
    if (typeof a.status === 'string' && ENDED_BADLY.has(a.status)) {
      const detail = typeof a.error_message === 'string' ? a.error_message : typeof a.error_code === 'string' ? a.error_code : undefined;
      return { ok: false, why: detail === undefined ? a.status : `${a.status}: ${detail}` };
    }
    return undefined;
  }
  const node = await ctx.api('GET', `/v1/nodes/${id}`);
  return node.status === 404 ? { ok: true } : undefined;
}

export const nodeRemoveCommand: Command = {
  usage: 'node <id> remove [ wait_for_persistence { enabled | disabled } ]',
  summary: 'remove a node from the cluster, and wait until it is gone',
  async run(v, ctx) {
    const id = one(v, 'id');
    const body = v.wait_for_persistence === undefined ? undefined : { wait_for_persistence: enabled(v, 'wait_for_persistence') };
    const started = await send(ctx, 'RemoveNode', { uid: id }, body);
    if (isRefusal(started)) return refused(started);
    const ending = await waitFor(() => removalEnding(ctx, id), ctx);
    if (!ending.finished) return failed(`node ${id} is still being removed after ${Math.round(ctx.waitMs / 1000)} s; the removal goes on in the cluster`);
    if (!ending.value.ok) return failed(`the removal of node ${id} did not complete (${ending.value.why})`);
    // The real rladmin's transcript: a progress line that ends at 100%, then OK.
    return done(`Performing remove action on node:${id}: 100%`, 'OK');
  },
};
