import { Mismatch } from '../mismatch.ts';
import { pollUntil } from '../poll.ts';
import { TargetUnreachable, type Answer, type Target } from '../../api/target.ts';
import type { Check } from './check.ts';
import { narrow } from '../blame.ts';

/** How long the HTTP port may take to open or close after the setting changed. */
const WAIT_MS = 10_000;

/** A plain-HTTP read: its answer, or why there was none (refused, reset, no answer). */
async function plainRead(target: Target): Promise<Answer | { refused: string }> {
  try {
    return await target.plain!('GET', '/v1/cluster');
  } catch (e) {
    if (e instanceof TargetUnreachable) return { refused: e.message };
    throw e;
  }
}

const served = (r: Answer | { refused: string }) => 'status' in r && r.status === 200;

async function until(target: Target, want: boolean, label: string, reqs: readonly string[]): Promise<void> {
  const r = await pollUntil(() => plainRead(target), (v) => served(v) === want, { timeoutMs: WAIT_MS, maxIntervalMs: 100 });
  if (!r.done) throw new Mismatch(label, want ? 'the REST API answers over HTTP' : 'HTTP refused or unanswered, never served', r.value, reqs);
}

/**
 * `http_support` through the port it governs (the operator names where plain HTTP is served,
 * `--http-target`): on a new cluster the API answers over HTTP; disabled, HTTP serves nothing of
 * it while HTTPS still answers; enabled again, HTTP answers again.
 */
export const httpSupport: Check = {
  name: 'http-support',
  title: 'http_support: the REST API over plain HTTP, blocked and restored',
  needs: ['reset', 'plain-http'],
  reqs: ['PORT-HTTP-001', 'PORT-HTTP-002', 'PORT-HTTP-003'],
  // After a step that changed the cluster's settings: the HTTP port serves exactly while the model has it on.
  recheck: {
    events: ['ClusterConfigured'],
    when: (e) => e.type === 'ClusterConfigured' && e.data.changes.httpSupport !== undefined,
    // A port opening or closing takes the target a while: as many sequences as the budget allows.
    costly: true,
    reqs: ['PORT-HTTP-002', 'PORT-HTTP-003'],
    async verify(target, model, after, focus) {
      const on = model.state.config.httpSupport;
      await until(target, on, `GET /v1/cluster over HTTP after ${after}`, narrow([on ? 'PORT-HTTP-003' : 'PORT-HTTP-002'], focus));
    },
  },
  async run(target: Target): Promise<void> {
    await target.control!('POST', '/reset', {});
    await until(target, true, 'GET /v1/cluster over HTTP on a new cluster', ['PORT-HTTP-001']);
    const off = await target.api('PUT', '/v1/cluster', { http_support: false });
    if (off.status !== 200) throw new Mismatch('PUT /v1/cluster {"http_support": false}', 200, off, ['PORT-HTTP-002']);
    try {
      await until(target, false, 'GET /v1/cluster over HTTP with http_support disabled', ['PORT-HTTP-002']);
      const https = await target.api('GET', '/v1/cluster');
      if (https.status !== 200) throw new Mismatch('GET /v1/cluster over HTTPS with http_support disabled', 200, https, ['PORT-HTTP-002']);
    } finally {
      // Whatever happened, the cluster is left as the check found it.
      await target.api('PUT', '/v1/cluster', { http_support: true });
    }
    await until(target, true, 'GET /v1/cluster over HTTP with http_support enabled again', ['PORT-HTTP-003']);
  },
};
