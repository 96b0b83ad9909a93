import { describe, expect, it } from 'vitest';
import { reject, type Rejection } from '../domain/rejections.ts';
import { ERROR_SOURCES } from './errors.ts';

/** spec/semantics.md's table of error codes (read by the one parser the suite uses): code → status. */
const documented = new Map(Object.entries(ERROR_SOURCES).map(([code, s]) => [code, s.status]));

/** Arguments for the entries whose parameters are not strings. */
const ARGS: Partial<Record<keyof typeof reject, unknown[]>> = {
  notAllNodesUpdated: [['2']],
  clockBackwards: [0, 86_400_000],
  portUnavailable: [12000, 'used by database 1'],
  badNginxConf: ['cm_port', 9443, 'used by the cluster'],
  requestTooLarge: [65536],
  methodNotAllowed: ['PATCH', '/v1/nodes', ['GET']],
};

const every = Object.entries(reject).map(([name, make]) => {
  const args = ARGS[name as keyof typeof reject] ?? Array.from({ length: make.length }, () => 'x');
  return [name, (make as (...a: unknown[]) => Rejection)(...args)] as const;
});

describe('[API-ERR-001] the table of errors (domain/rejections.ts) against spec/semantics.md', () => {
  it('gives every refusal the code and status spec/semantics.md lists for it', () => {
    const mismatched = every.filter(([, r]) => documented.get(r.error_code) !== r.status).map(([name, r]) => `${name}: ${r.status} ${r.error_code}`);
    expect(mismatched).toEqual([]);
  });

  it('lists no code that nothing answers with', () => {
    const used = new Set(every.map(([, r]) => r.error_code));
    expect([...documented.keys()].filter((code) => !used.has(code))).toEqual([]);
  });
});
