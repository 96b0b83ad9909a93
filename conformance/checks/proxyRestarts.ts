import type { Redis } from 'ioredis';
import type { DomainEvent } from '../../domain/events.ts';
import type { Target } from '../../api/target.ts';
import { narrow } from '../blame.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import type { Recheck } from './check.ts';
import { answers, client, connected, ended, QUIET_MS, sleep } from './redisClient.ts';

/** Where the clients a step's `before` opened wait for its `verify` (`Model.shown`). */
const KEY = 'data-plane-clients';

interface Opened {
  /** When they were opened: just before the step's request. */
  readonly since: number;
  /** The step's place in the trace: a step the target answered otherwise is never verified. */
  readonly at: number;
  /** By model database uid. */
  readonly clients: Map<string, Redis>;
}

/** A client on a database's endpoint, where the control protocol says it is. */
async function open(target: Target, model: Model, uid: string, when: string, focus: readonly string[]): Promise<Redis> {
  const id = model.targetDb(uid);
  const at = await target.control!('GET', `/bdbs/${id}/endpoint`);
  if (at.status !== 200) throw new Mismatch(`database ${id} ${when}: where its endpoint is`, 200, at, narrow(['ENC-DATA-003'], focus));
  const c = await client(at.body.host, at.body.port).catch((e: Error) => e);
  if (c instanceof Error) throw new Mismatch(`database ${id}'s endpoint ${when}`, 'a connection', c.message, narrow(['ENC-DATA-003'], focus));
  // A step that fails between `before` and `verify` leaves its clients open: they must not keep the run alive.
  (c as unknown as { stream?: { unref?: () => void } }).stream?.unref?.();
  return c;
}

const uidsOf = (events: readonly DomainEvent[], type: DomainEvent['type']) =>
  new Set(events.filter((e) => e.type === type).map((e) => (e.data as { uid: string }).uid));

function closeLeft(model: Model): void {
  const left = model.shown.get(KEY) as Opened | undefined;
  model.shown.delete(KEY);
  for (const c of left?.clients.values() ?? []) c.disconnect();
}

/**
 * The clients open before the step, against what the model says it did: those of a database whose
 * proxy restarted are disconnected, every other one is still connected and answering (a change of
 * the name, memory or settings, or of the cluster policy, restarts no proxy).
 */
async function compare(model: Model, opened: Opened, after: string, focus: readonly string[], events: readonly DomainEvent[]): Promise<void> {
  const restarted = uidsOf(events, 'DatabaseProxyRestarted');
  const kept = [...opened.clients.keys()].filter((uid) => !restarted.has(uid) && model.state.databases[uid]);
  // A restart that came has reached the clients by now (the one expected is waited for below).
  const quiet = opened.since + QUIET_MS - Date.now();
  if (kept.length && quiet > 0) await sleep(quiet);
  for (const [uid, c] of opened.clients) {
    const id = model.targetDb(uid);
    if (restarted.has(uid)) {
      if (connected(c)) await ended(c);
      if (connected(c)) throw new Mismatch(`database ${id}'s clients after ${after}`, 'disconnected (the proxy restarted)', 'still connected', narrow(['ENC-DATA-003'], focus));
    } else if (kept.includes(uid) && !(await answers(c))) {
      const reqs = events.some((e) => e.type === 'ClusterPolicyChanged') ? ['ENC-DATA-005'] : ['ENC-DATA-003'];
      throw new Mismatch(`database ${id}'s clients after ${after}`, 'still connected (the model restarts no proxy of it)', 'disconnected', reqs);
    }
  }
}

/**
 * Through real Redis clients, after every step the model says creates a database, changes one or
 * the cluster policy: clients opened just before a change are disconnected exactly where the model
 * restarts a proxy, and a database that came up or restarted serves a new client. Cheap enough for
 * every sequence: a connection per active database, and only around those steps.
 */
export const proxyRestartRecheck: Recheck = {
  events: ['DatabaseCreated', 'DatabaseUpdated', 'DatabaseProxyRestarted', 'ClusterPolicyChanged'],
  reqs: ['ENC-DATA-003'],
  async before(target, model) {
    closeLeft(model);
    // Kept as they open, so that a failure to open one still has the others closed.
    const clients = new Map<string, Redis>();
    model.shown.set(KEY, { since: 0, at: -1, clients });
    for (const db of Object.values(model.state.databases)) {
      if (db.status === 'active') clients.set(db.uid, await open(target, model, db.uid, 'before the step', []));
    }
    model.shown.set(KEY, { since: Date.now(), at: model.trace.length, clients });
  },
  async verify(target, model, after, focus, events) {
    const opened = model.shown.get(KEY) as Opened | undefined;
    try {
      if (opened && opened.at === model.trace.length - 1) await compare(model, opened, after, focus, events);
      for (const uid of new Set([...uidsOf(events, 'DatabaseCreated'), ...uidsOf(events, 'DatabaseProxyRestarted')])) {
        if (model.state.databases[uid]?.status !== 'active') continue;
        const c = await open(target, model, uid, `after ${after}`, focus);
        const served = await answers(c).finally(() => c.disconnect());
        if (!served) throw new Mismatch(`database ${model.targetDb(uid)}'s endpoint after ${after}`, 'PONG', 'no answer', narrow(['ENC-DATA-003'], focus));
      }
    } finally {
      closeLeft(model);
    }
  },
};
