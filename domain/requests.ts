/**
 * Which request carries each command: the one table the suite's steps build their requests from,
 * the charts label their edges with, and `rladmin` sends. A command a client cannot send — the
 * cluster finishing its own work — has the cluster as its cause instead of a request.
 */
import type { CommandType } from './commands.ts';

/** Where a request goes: the REST API, the test-control protocol (`/control/v1`), or a host's bootstrap API. */
export type Via = 'api' | 'control' | 'host';
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestForm {
  readonly via: Via;
  readonly method: Method;
  /** Relative to where `via` is served; `{uid}`, `{host}`, `{port}` are filled in by `requestTo`. */
  readonly path: string;
  /** The body fields that carry this command, or fixed values (`state=up`). */
  readonly fields?: readonly string[];
}

/** What a command the cluster issues to itself stands for. */
export interface ClusterCause {
  readonly via: 'cluster';
  readonly cause: string;
}

export type CommandSource = RequestForm | ClusterCause;

const api = (method: Method, path: string, ...fields: string[]): RequestForm => ({ via: 'api', method, path, ...(fields.length ? { fields } : {}) });
const control = (method: Method, path: string, ...fields: string[]): RequestForm => ({ via: 'control', method, path, ...(fields.length ? { fields } : {}) });
const host = (method: Method, path: string): RequestForm => ({ via: 'host', method, path });
const cluster = (cause: string): ClusterCause => ({ via: 'cluster', cause });

/** Every source of each command, the usual one first. */
export const SOURCES: { readonly [T in CommandType]: readonly CommandSource[] } = {
  CreateCluster: [host('POST', '/v1/bootstrap/create_cluster'), control('POST', '/reset')],
  JoinNode: [host('POST', '/v1/bootstrap/join_cluster')],
  SetNodeAddress: [api('PUT', '/v1/nodes/{uid}', 'addr')],
  SetNodeExternalAddresses: [api('PUT', '/v1/nodes/{uid}', 'external_addr')],
  RemoveNode: [api('POST', '/v1/nodes/{uid}/actions/remove')],
  CreateDatabase: [api('POST', '/v1/bdbs')],
  UpdateDatabase: [api('PUT', '/v1/bdbs/{uid}')],
  DeleteDatabase: [api('DELETE', '/v1/bdbs/{uid}')],
  SetClusterPolicy: [api('PUT', '/v1/cluster/policy', 'data_internode_encryption')],
  ConfigureCluster: [api('PUT', '/v1/cluster', 'cm_port', 'cnm_http_port', 'cnm_https_port', 'http_support')],
  SetAlertSettings: [api('PUT', '/v1/cluster', 'alert_settings')],
  RotateCertificates: [api('POST', '/v1/cluster/certificates/rotate')],
  CompleteNodeRemoval: [cluster('the removal finishes')],
  CompleteDatabaseAction: [cluster('the database action finishes')],
  AddHost: [control('POST', '/hosts')],
  SetHostAddresses: [control('PUT', '/hosts/{host}/addresses')],
  PowerOffNode: [control('POST', '/nodes/{uid}/power', 'state=down')],
  PowerOnNode: [control('POST', '/nodes/{uid}/power', 'state=up')],
  HoldPort: [control('POST', '/ports/{port}')],
  ReleasePort: [control('DELETE', '/ports/{port}')],
  AdvanceClock: [control('POST', '/clock'), cluster('the clock runs')],
};

/** Where each `via` is served, as a reader writes the path. */
const PREFIX: Record<Via, string> = { api: '', control: '/control/v1', host: '' };

/** The request that carries a command, as a person reads it: `PUT /v1/nodes/{uid} addr`, `POST /control/v1/nodes/{uid}/power state=up`. */
export function describeSource(source: CommandSource): string {
  if (source.via === 'cluster') return `(${source.cause})`;
  const fields = source.fields?.length ? ` ${source.fields.join('|')}` : '';
  const on = source.via === 'host' ? ' on a host' : '';
  return `${source.method} ${PREFIX[source.via]}${source.path}${fields}${on}`;
}

/** The usual request of a command. */
export function requestFormOf(type: CommandType): RequestForm {
  const form = SOURCES[type].find((s): s is RequestForm => s.via !== 'cluster');
  if (!form) throw new Error(`${type} is issued by the cluster itself, not by a request`);
  return form;
}

/** A command's usual request with its path filled in, as a client sends it (the path relative to `via`). */
export function requestTo(type: CommandType, params: Readonly<Record<string, string>> = {}): { via: Via; method: Method; path: string } {
  const { via, method, path } = requestFormOf(type);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${type}: ${path} needs {${name}}`);
    return value;
  });
  return { via, method, path: filled };
}
