import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_SOURCES, type ErrorSource } from './errors.ts';

/** The rows of semantics.md's table of error codes: `| code | status | code source | status source | use |`. */
function documentTable(): Record<string, ErrorSource> {
  const text = readFileSync(new URL('./semantics.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('## Error codes and statuses'));
  const rows: Record<string, ErrorSource> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const code = /^`([a-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!code || !/^\d{3}$/.test(cells[2] ?? '')) continue;
    const source = (cell: string) => (/^documented\b/.test(cell) ? 'documented' : /^decided\b/.test(cell) ? 'decided' : `unreadable: ${cell}`);
    rows[code] = { status: Number(cells[2]), code: source(cells[3]!) as ErrorSource['code'], statusSource: source(cells[4]!) as ErrorSource['statusSource'] };
  }
  return rows;
}

describe('the documented and decided error codes and statuses', () => {
  it('are, as data, exactly the table of spec/semantics.md', () => {
    const table = documentTable();
    expect(Object.keys(table).length).toBeGreaterThan(20);
    expect(ERROR_SOURCES).toEqual(table);
  });
});
