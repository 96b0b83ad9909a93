import { documentedOperations, loadOpenApi } from '../../spec/openapi.ts';
import { send } from './http.ts';

/** Every documented GET, with its path parameters filled for the fixture (node 1, database 1). */
export const documentedReads = (): string[] =>
  documentedOperations(loadOpenApi())
    .filter((op) => op.startsWith('GET '))
    .map((op) => op.slice(4).replace('{uid}', '1').replace('{action}', 'remove'));

/**
 * What the cluster shows through every documented read, plus the control protocol's hosts: two
 * equal snapshots mean nothing a client can see has changed (`GET /v1/logs` included, so not
 * even an event the API lists).
 */
export async function snapshot(baseUrl: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of [...documentedReads(), '/control/v1/hosts']) {
    const r = await send(`${baseUrl}${path}`);
    out[path] = `${r.status} ${r.text}`;
  }
  return out;
}
