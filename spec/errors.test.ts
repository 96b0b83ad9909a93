import { describe, expect, it } from 'vitest';
import { ERROR_SOURCES, errorSource, parseErrorTable } from './errors.ts';

describe('the documented and decided error codes and statuses', () => {
  it('are read from the table of spec/semantics.md', () => {
    expect(Object.keys(ERROR_SOURCES).length).toBeGreaterThan(40);
    expect(ERROR_SOURCES.node_not_found).toEqual({ status: 404, code: 'documented', statusSource: 'documented' });
    expect(ERROR_SOURCES.node_not_offline).toEqual({ status: 406, code: 'documented', statusSource: 'decided' });
    expect(ERROR_SOURCES.invalid_db_name).toEqual({ status: 400, code: 'decided', statusSource: 'decided' });
  });

  it('take a row by its first words and refuse a source that is neither', () => {
    const table = (row: string) => `## Error codes and statuses\n\n| code | status | code | status | use |\n|---|---|---|---|---|\n${row}\n`;
    expect(parseErrorTable(table('| `busy` | 409 | documented (x) | decided ("y") | z |'))).toEqual({ busy: { status: 409, code: 'documented', statusSource: 'decided' } });
    expect(() => parseErrorTable(table('| `busy` | 409 | maybe | decided | z |'))).toThrow(/documented or decided/);
  });

  it('count a code the table does not list as decided', () => {
    expect(errorSource('something_new', 418)).toEqual({ status: 418, code: 'decided', statusSource: 'decided' });
  });
});
