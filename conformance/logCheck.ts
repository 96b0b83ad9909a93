import type { Target } from '../api/target.ts';
import { Mismatch } from './mismatch.ts';
import type { Profile } from './profile.ts';

/** What a request is about, as the log names it: a database, a node, or the cluster. */
export interface Subject {
  readonly kind: 'bdb' | 'node' | 'cluster';
  /** The target's uid; unknown for a database the request would have created. */
  readonly uid?: string;
}

/** The subject of a REST request, from its path (and for a create, the uid it answered). */
export function subjectOf(path: string, answered?: unknown): Subject | undefined {
  const bdb = /^\/v1\/bdbs(?:\/(\d+))?/.exec(path);
  if (bdb) return { kind: 'bdb', ...(bdb[1] ? { uid: bdb[1] } : answered !== undefined ? { uid: String(answered) } : {}) };
  const node = /^\/v1\/nodes\/(\d+)/.exec(path);
  if (node) return { kind: 'node', uid: node[1]! };
  if (path.startsWith('/v1/cluster')) return { kind: 'cluster' };
  return undefined;
}

/**
 * Whether a log entry is about a subject: by its type (`bdb_…`, `node_…`, `cluster_…`, as the
 * real log names them) and the entity it names.
 */
export function isAbout(entry: any, s: Subject): boolean {
  const type = String(entry?.type ?? '');
  if (s.kind === 'bdb') return type.includes('bdb') && (s.uid === undefined || entry.bdb_uid === undefined || String(entry.bdb_uid) === s.uid);
  if (s.kind === 'node') return type.includes('node') && entry.bdb_uid === undefined && (entry.node_uid === undefined || String(entry.node_uid) === s.uid);
  return entry?.bdb_uid === undefined && (type.startsWith('cluster') || type.includes('cert'));
}

/** The whole log, oldest first, or undefined where the target has no readable one. */
export async function readLog(target: Target): Promise<readonly unknown[] | undefined> {
  const logs = await target.api('GET', '/v1/logs');
  return Array.isArray(logs.body) ? logs.body : undefined;
}

export interface LogExpectation {
  readonly profile: Profile;
  readonly label: string;
  /** The step changed something through the REST API (or the cluster finished work of its own). */
  readonly changed: boolean;
  /** The cluster finished work of its own after the step (its entries may be about the subject too). */
  readonly completions: boolean;
  readonly accepted: boolean;
  readonly subject?: Subject;
  /** Entries before the step. */
  readonly before: number;
}

/**
 * API-LOG-001 and API-ERR-002: an accepted change is logged, a refusal (or a request that changes
 * nothing) is not. `model` counts every entry; `documented` looks only for entries about the
 * step's own subject, so whatever else the cluster logs meanwhile (an operator, its own alerts)
 * fails nothing. Throws `Mismatch`.
 */
export function checkLog(log: readonly unknown[], e: LogExpectation): void {
  const reqs = e.accepted ? ['API-LOG-001'] : ['API-ERR-002', 'API-LOG-001'];
  const fail = (expected: string, actual: string) => {
    throw new Mismatch(`GET /v1/logs after ${e.label}`, expected, actual, reqs);
  };
  if (e.profile === 'model' || !e.subject) {
    if (e.changed ? log.length <= e.before : log.length !== e.before) fail(e.changed ? `more than ${e.before} entries` : `${e.before} entries, as before`, `${log.length} entries`);
    return;
  }
  // A log that shrank was rotated: what is new cannot be told.
  if (log.length < e.before) return;
  const about = log.slice(e.before).filter((entry) => isAbout(entry, e.subject!));
  const what = `${e.subject.kind}${e.subject.uid ? ` ${e.subject.uid}` : ''}`;
  if (e.changed && !e.completions && about.length === 0) fail(`an entry about ${what}`, 'none');
  if (!e.changed && !e.completions && about.length > 0) fail(`no entry about ${what}`, JSON.stringify(about).slice(0, 200));
}
