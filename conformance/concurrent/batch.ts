import fc from 'fast-check';
import { pickUid } from '../commands/command.ts';
import { UpdateDatabase, type DatabaseChanges } from '../commands/updateDatabase.ts';
import type { Model } from '../model.ts';
import type { ConcurrentInput } from './clusterModel.ts';
import { MAX_CRASH_AFTER_MS } from './crash.ts';

/**
 * One request of a concurrent batch: a change to one of the run's databases, or a read of one;
 * `after`: how many milliseconds after the batch starts its client sends it (clients never start
 * in the same instant, and a request landing inside another's work is what shows a half-done change).
 */
export type ConcurrentOp = ({ readonly kind: 'update'; readonly pick: number; readonly changes: DatabaseChanges } | { readonly kind: 'read'; readonly pick: number }) & {
  readonly after: number;
};

/** The databases a concurrent run creates first, one after the other: the batches pick among them. */
export const DATABASES = 2;

const MEMORY = fc.constantFrom(104_857_600, 209_715_200);

/**
 * Changes of one field or two at once (a change applied in halves shows only in a two-field
 * one), and one malformed value (a refusal interleaved with changes).
 */
const changes: fc.Arbitrary<DatabaseChanges> = fc.oneof(
  { weight: 2, arbitrary: fc.boolean().map((v) => ({ data_internode_encryption: v })) },
  { weight: 2, arbitrary: MEMORY.map((m) => ({ memory_size: m })) },
  { weight: 3, arbitrary: fc.tuple(fc.boolean(), MEMORY).map(([v, m]) => ({ data_internode_encryption: v, memory_size: m })) },
  { weight: 1, arbitrary: fc.constant({ data_internode_encryption: 'yes' }) },
);

const pick = fc.nat(DATABASES - 1);

/** At most this many milliseconds between a batch's start and a request of it. */
export const MAX_STAGGER_MS = 8;
const after = fc.nat(MAX_STAGGER_MS);

export const concurrentOp: fc.Arbitrary<ConcurrentOp> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(pick, changes, after).map(([p, c, a]): ConcurrentOp => ({ kind: 'update', pick: p, changes: c, after: a })) },
  { weight: 2, arbitrary: fc.tuple(pick, after).map(([p, a]): ConcurrentOp => ({ kind: 'read', pick: p, after: a })) },
);

/**
 * A sequence of batches, each of up to `clients` requests sent together, one per client. fast-check
 * shrinks it like any list: fewer batches, smaller batches, simpler requests.
 */
export const batches = (clients: number, maxBatches = 8): fc.Arbitrary<ConcurrentOp[][]> =>
  fc.array(fc.array(concurrentOp, { minLength: 1, maxLength: clients }), { minLength: 1, maxLength: maxBatches });

/** A sequence of batches and, where the target can crash, at most one crash: which batch it cuts, and how many ms after its 202. */
export interface ConcurrentSequence {
  readonly batches: ConcurrentOp[][];
  readonly crash?: { readonly batch: number; readonly afterMs: number };
}

/**
 * Batches as `batches` draws them, and with `crash` one crash in two sequences out of three
 * (each crash costs a restart: seconds), at a drawn batch and delay. Shrinking drops the crash
 * first when the failure does not need it.
 */
export const sequences = (clients: number, maxBatches = 8, crash = false): fc.Arbitrary<ConcurrentSequence> =>
  fc
    .record({
      batches: batches(clients, maxBatches),
      crash: crash ? fc.option(fc.record({ batch: fc.nat(maxBatches - 1), afterMs: fc.nat(MAX_CRASH_AFTER_MS) }), { freq: 3 }) : fc.constant(null),
    })
    .map(({ batches: b, crash: c }) => ({ batches: b, ...(c ? { crash: { batch: c.batch % b.length, afterMs: c.afterMs } } : {}) }));

/** A request of a batch, made from the model's state before the batch: what the checker is asked and what is sent. */
export interface Planned {
  readonly input: ConcurrentInput;
  /** Milliseconds after the batch's start. */
  readonly after: number;
  readonly request: { readonly method: string; readonly path: string; readonly body?: unknown };
}

/** The request an operation stands for now, or none while the run has no database to name. */
export function plan(m: Model, op: ConcurrentOp): Planned | undefined {
  const uid = pickUid(m, 'databases', op.pick);
  if (uid === undefined) return undefined;
  const path = `/v1/bdbs/${m.targetDb(uid)}`;
  if (op.kind === 'read') return { input: { label: `GET ${path}`, db: uid, commands: [], read: true }, request: { method: 'GET', path }, after: op.after };
  const update = new UpdateDatabase(op.pick, op.changes);
  const spec = update.step(m);
  return { input: { label: update.toString(), db: uid, commands: spec.commands }, request: spec.request, after: op.after };
}
