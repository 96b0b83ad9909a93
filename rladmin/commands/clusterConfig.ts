import { done, isRefusal, refused } from '../outcome.ts';
import { enabled, one, send, type Command, type Context } from './command.ts';

/** What the real `rladmin cluster config` prints when the change is made. */
export const CONFIGURED = 'Cluster configured successfully';

async function configure(ctx: Context, change: Record<string, number | boolean>) {
  const answer = await send(ctx, 'ConfigureCluster', {}, change);
  return isRefusal(answer) ? refused(answer) : done(CONFIGURED);
}

/** A port setting: the number goes to the cluster as it is; its range is the cluster's to judge. */
const port = (setting: string, summary: string): Command => ({
  usage: `cluster config ${setting} <port>`,
  summary,
  run: (v, ctx) => configure(ctx, { [setting]: Number(one(v, 'port')) }),
});

export const clusterConfigCommands: readonly Command[] = [
  port('cm_port', 'move the Cluster Manager UI (default 8443)'),
  port('cnm_http_port', 'move the REST API over HTTP (default 8080)'),
  port('cnm_https_port', 'move the REST API over HTTPS (default 9443)'),
  {
    usage: 'cluster config http_support { enabled | disabled }',
    summary: 'serve the REST API over HTTP too, or over HTTPS only',
    run: (v, ctx) => configure(ctx, { http_support: enabled(v, 'http_support') }),
  },
];
