import { ERROR_SOURCES } from '../../spec/errors.ts';
import type { Reply } from './exchange.ts';

/**
 * How the mock words what the documents leave open. `reference` answers as the model decides;
 * `alternate` is another vendor's reasonable reading: every refusal whose status or `error_code`
 * spec/semantics.md marks *decided* is answered with a different 4xx status or code, the
 * documented ones unchanged. A conformance profile that compares only what is documented must
 * pass it; one that compares the model's decisions must not.
 */
export type Dialect = 'reference' | 'alternate';
export const DIALECTS: readonly Dialect[] = ['reference', 'alternate'];

/** Another reasonable status for a decided one: always a 4xx, never the model's. */
const STATUS: Readonly<Record<number, number>> = { 400: 422, 406: 409, 409: 400, 404: 410 };

/** Another reasonable name for a decided code. */
const CODE: Readonly<Record<string, string>> = {
  invalid_parameter: 'bad_request',
  invalid_state: 'conflict',
  invalid_address: 'bad_address',
  address_family_mismatch: 'bad_address_family',
  address_in_use: 'duplicate_address',
  address_not_bound: 'address_unavailable',
  action_in_progress: 'operation_in_progress',
  bdb_not_found: 'db_not_exist',
  port_change_not_allowed: 'read_only_field',
  invalid_db_name: 'bad_db_name',
  invalid_port: 'port_out_of_range',
  not_all_nodes_updated: 'rotation_incomplete',
  cluster_already_exists: 'already_clustered',
  cluster_not_initialized: 'not_clustered',
};

/** A refusal as the dialect words it; what the table does not mark decided is left alone. */
export function reword(dialect: Dialect, status: number, body: { error_code: string; description?: string }): { status: number; body: typeof body } {
  const source = ERROR_SOURCES[body.error_code];
  if (dialect === 'reference' || !source) return { status, body };
  return {
    status: source.statusSource === 'decided' ? (STATUS[status] ?? status) : status,
    body: { ...body, error_code: source.code === 'decided' ? (CODE[body.error_code] ?? `${body.error_code}_error`) : body.error_code },
  };
}

/** The REST API's answer in a dialect (the control protocol's and other paths' are left alone). */
export function speak(dialect: Dialect | undefined, url: URL, reply: Reply): Reply {
  if (!dialect || dialect === 'reference' || !url.pathname.startsWith('/v1/') || reply.status < 400 || reply.status >= 500) return reply;
  if (typeof reply.body !== 'string') return reply;
  let body: { error_code?: unknown; description?: string } | undefined;
  try {
    body = JSON.parse(reply.body);
  } catch {
    return reply;
  }
  if (typeof body?.error_code !== 'string') return reply;
  const worded = reword(dialect, reply.status, body as { error_code: string; description?: string });
  return { ...reply, status: worded.status, body: JSON.stringify(worded.body) };
}
