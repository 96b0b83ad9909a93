import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from './dir.ts';

/**
 * Which error codes and statuses the vendor documents, and which the model decided: the table of
 * spec/semantics.md ("Error codes and statuses"), read from the document.
 * The conformance suite's `documented` profile compares a refusal's code and status only where
 * they are documented, and the 4xx class everywhere.
 */
export type Source = 'documented' | 'decided';

export interface ErrorSource {
  readonly status: number;
  /** Whether the vendor documents this `error_code` (for this use). */
  readonly code: Source;
  /** Whether the vendor documents this status for this refusal. */
  readonly statusSource: Source;
}

/** The rows of semantics.md's table of error codes: `| code | status | code source | status source | use |`. */
export function parseErrorTable(text: string): Record<string, ErrorSource> {
  const section = text.slice(text.indexOf('## Error codes and statuses'));
  const rows: Record<string, ErrorSource> = {};
  const source = (cell: string): Source => {
    if (/^documented\b/.test(cell)) return 'documented';
    if (/^decided\b/.test(cell)) return 'decided';
    throw new Error(`spec/semantics.md: an error's source must start with documented or decided, not ${JSON.stringify(cell)}`);
  };
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const code = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!code || !/^\d{3}$/.test(cells[2] ?? '')) continue;
    rows[code] = { status: Number(cells[2]), code: source(cells[3]!), statusSource: source(cells[4]!) };
  }
  return rows;
}

/** Read from the document itself, so the table a person reads is the one the suite applies. */
export const ERROR_SOURCES: Readonly<Record<string, ErrorSource>> = parseErrorTable(readFileSync(join(SPEC_DIR, 'semantics.md'), 'utf8'));

/** A code the table does not list is the model's own choice until someone documents it. */
export const errorSource = (errorCode: string, status: number): ErrorSource => ERROR_SOURCES[errorCode] ?? { status, code: 'decided', statusSource: 'decided' };
