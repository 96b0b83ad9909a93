import { describe, expect, it } from 'vitest';
import { equivalentFor, loadEquivalents, parseEquivalents } from './equivalent.ts';

const entry = { file: 'domain/rules/ports.ts', mutator: 'EqualityOperator', original: 'port < 1', replacement: 'port <= 1', reason: 'port 1 is refused by the range check below too' };
const mutant = { file: 'domain/rules/ports.ts', mutator: 'EqualityOperator', original: 'port < 1', replacement: 'port <= 1' };

describe('the curated equivalent mutants', () => {
  it('match by file, mutator, original and replacement, whatever the whitespace', () => {
    expect(equivalentFor(mutant, [entry])).toEqual(entry);
    expect(equivalentFor({ ...mutant, original: 'port\n    < 1' }, [entry])).toEqual(entry);
  });

  it('do not match a mutant that differs in any of those', () => {
    for (const other of [{ file: 'domain/rules/address.ts' }, { mutator: 'ConditionalExpression' }, { original: 'port < 2' }, { replacement: 'port >= 1' }]) {
      expect(equivalentFor({ ...mutant, ...other }, [entry])).toBeUndefined();
    }
  });

  it('refuse an entry without a reason or a field', () => {
    expect(() => parseEquivalents('- {file: a.ts, mutator: M, original: x, replacement: y, reason: " "}')).toThrow(/reason/);
    expect(() => parseEquivalents('- {file: a.ts, mutator: M, original: x, reason: why}')).toThrow(/replacement/);
    expect(() => parseEquivalents('file: a.ts')).toThrow(/list/);
    expect(parseEquivalents('[]')).toEqual([]);
  });

  it('the repository list parses', () => {
    expect(Array.isArray(loadEquivalents())).toBe(true);
  });
});
