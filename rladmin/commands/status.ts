import { done, isRefusal, refused, type Outcome } from '../outcome.ts';
import type { Command, Context } from './command.ts';
import { databasesTable, endpointsTable, nodesTable, type DatabaseView, type NodeStatusView, type NodeView } from './statusTables.ts';

type Section = 'nodes' | 'databases' | 'endpoints';

/**
 * `rladmin status`: the real tool's default tables (`statusTables.ts`). `GET /v1/nodes/status`
 * adds what only the nodes' agents know (hostname, role, memory); a cluster that does not serve it
 * still gets its tables, with `-` in those columns.
 */
async function status(ctx: Context, sections: readonly Section[]): Promise<Outcome> {
  const wantsNodes = sections.includes('nodes') || sections.includes('endpoints');
  const wantsDbs = sections.includes('databases') || sections.includes('endpoints');
  const [nodes, statuses, dbs] = await Promise.all([
    wantsNodes ? ctx.api('GET', '/v1/nodes') : undefined,
    sections.includes('nodes') ? ctx.api('GET', '/v1/nodes/status') : undefined,
    wantsDbs ? ctx.api('GET', '/v1/bdbs') : undefined,
  ]);
  for (const answer of [nodes, dbs]) if (answer && isRefusal(answer)) return refused(answer);
  const nodeStatuses = statuses && !isRefusal(statuses) && typeof statuses.body === 'object' && statuses.body !== null ? (statuses.body as Record<string, NodeStatusView>) : {};
  const lines: string[][] = [];
  if (sections.includes('nodes')) lines.push(nodesTable(nodes!.body as NodeView[], nodeStatuses));
  if (sections.includes('databases')) lines.push(databasesTable(dbs!.body as DatabaseView[]));
  if (sections.includes('endpoints')) lines.push(endpointsTable(dbs!.body as DatabaseView[], nodes!.body as NodeView[]));
  // Sections are separated by a blank line, as in the real tool.
  return done(...lines.flatMap((section, i) => (i ? ['', ...section] : section)));
}

export const statusCommands: readonly Command[] = [
  { usage: 'status', summary: 'nodes, databases and endpoints, as tables', run: (_, ctx) => status(ctx, ['nodes', 'databases', 'endpoints']) },
  { usage: 'status nodes', summary: 'the nodes table', run: (_, ctx) => status(ctx, ['nodes']) },
  { usage: 'status databases', summary: 'the databases table', run: (_, ctx) => status(ctx, ['databases']) },
  { usage: 'status endpoints', summary: 'the endpoints table', run: (_, ctx) => status(ctx, ['endpoints']) },
];
