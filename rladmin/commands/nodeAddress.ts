import { canonicalAddress } from '../../domain/rules/address.ts';
import { done, failed, isRefusal, refused, type Outcome } from '../outcome.ts';
import { all, one, send, type Command, type Context } from './command.ts';

/** What the real rladmin prints after an address change (its documented transcripts). */
export const UPDATED = 'Updated successfully.';

async function update(ctx: Context, id: string, change: { addr?: string; external_addr?: readonly string[] }): Promise<Outcome> {
  const answer = await send(ctx, change.addr !== undefined ? 'SetNodeAddress' : 'SetNodeExternalAddresses', { uid: id }, change);
  return isRefusal(answer) ? refused(answer) : done(UPDATED);
}

/** add and remove edit the node's list: read it first, then send the whole new list. */
async function externalAddresses(ctx: Context, id: string): Promise<{ readonly list: readonly string[] } | { readonly outcome: Outcome }> {
  const answer = await ctx.api('GET', `/v1/nodes/${id}`);
  if (isRefusal(answer)) return { outcome: refused(answer) };
  const list = (answer.body as { external_addr?: unknown } | undefined)?.external_addr;
  return { list: Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [] };
}

export const nodeAddressCommands: readonly Command[] = [
  {
    usage: 'node <id> addr set <ip>',
    summary: "set a node's internal address (only while the node is down)",
    run: (v, ctx) => update(ctx, one(v, 'id'), { addr: one(v, 'ip') }),
  },
  {
    usage: 'node <id> external_addr set <ip> ...',
    summary: "replace a node's external addresses",
    run: (v, ctx) => update(ctx, one(v, 'id'), { external_addr: all(v, 'ip') }),
  },
  {
    usage: 'node <id> external_addr add <ip>',
    summary: 'add an external address to a node',
    async run(v, ctx) {
      const current = await externalAddresses(ctx, one(v, 'id'));
      if ('outcome' in current) return current.outcome;
      // A duplicate is sent as given: whether it is refused is the cluster's to say.
      return update(ctx, one(v, 'id'), { external_addr: [...current.list, one(v, 'ip')] });
    },
  },
  {
    usage: 'node <id> external_addr remove <ip>',
    summary: 'remove an external address from a node',
    async run(v, ctx) {
      const id = one(v, 'id');
      const current = await externalAddresses(ctx, id);
      if ('outcome' in current) return current.outcome;
      const gone = canonicalAddress(one(v, 'ip'));
      const kept = current.list.filter((a) => canonicalAddress(a) !== gone);
      if (kept.length === current.list.length) return failed(`${one(v, 'ip')} is not an external address of node ${id}`);
      return update(ctx, id, { external_addr: kept });
    },
  },
];
