import { connect } from 'node:net';
import type { Target } from '../../api/target.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';

interface At {
  readonly host: string;
  readonly port: number;
}

/**
 * Where each node's internode listener was last seen, per sequence (its model): once a node is
 * down or removed the target no longer says where its listener is, so what must now refuse
 * connections is only known from before.
 */
const seen = new WeakMap<Model, Map<string, At>>();

const of = (model: Model) => seen.get(model) ?? seen.set(model, new Map()).get(model)!;

/** Notes where node `uid` (the model's) listens now. */
export function remember(model: Model, uid: string, at: At): void {
  of(model).set(uid, at);
}

/** Reads where every active node listens, for the nodes whose listener the sequence has not located yet. */
export async function locateActive(target: Target, model: Model): Promise<void> {
  const known = of(model);
  for (const n of Object.values(model.state.nodes).filter((x) => x.status === 'active' && !known.has(x.uid))) {
    const at = await target.control!('GET', `/nodes/${model.targetNode(n.uid)}/internode`);
    if (at.status === 200) known.set(n.uid, { host: at.body.host, port: at.body.port });
  }
}

/** Whether a TCP connection to `host:port` is taken (a listener is there). */
export function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.once('connect', () => {
      resolve(true);
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A node the model says is down or gone listens no more (NODE-LIFE-001, NODE-LIFE-002): every
 * listener seen on it before refuses connections now. Seen once closed, it is forgotten (a node
 * that comes back listens anew, wherever the target puts it).
 */
export async function verifyClosed(model: Model, after: string): Promise<void> {
  const known = of(model);
  for (const [uid, at] of known) {
    const node = model.state.nodes[uid];
    if (node && node.status !== 'down') continue;
    if (await connects(at.host, at.port)) {
      // What the node's state says it is: down (NODE-LIFE-001) or gone (NODE-LIFE-002).
      const [what, req] = node ? ['is down', 'NODE-LIFE-001'] : ['was removed', 'NODE-LIFE-002'];
      throw new Mismatch(`node ${model.targetNode(uid)} after ${after}: its internode listener once the node ${what}`, { refused: true }, { accepted: true, at: `${at.host}:${at.port}` }, [req]);
    }
    known.delete(uid);
  }
}
