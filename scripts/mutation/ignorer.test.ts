import { describe, expect, it } from 'vitest';
import { SampleIgnorer } from './ignorer.ts';

const at = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const path = (filename: string, loc: ReturnType<typeof at>) => ({ node: { loc }, hub: { file: { opts: { filename } } } });

describe('the sample ignorer', () => {
  const ignorer = new SampleIgnorer([{ file: '/p/a.ts', ...at(10, 4, 10, 12) }]);

  it('keeps the node of a sampled mutant and every node around it', () => {
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(10, 4, 10, 12)))).toBeUndefined();
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(9, 0, 12, 1)))).toBeUndefined();
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(1, 0, 99, 0)))).toBeUndefined();
  });

  it('ignores every node that holds no sampled mutant: beside it, inside it, in another file', () => {
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(11, 0, 11, 9)))).toMatch(/outside the sample/);
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(10, 5, 10, 8)))).toMatch(/outside the sample/);
    expect(ignorer.shouldIgnore(path('/p/a.ts', at(10, 0, 10, 11)))).toMatch(/outside the sample/);
    expect(ignorer.shouldIgnore(path('/p/b.ts', at(1, 0, 99, 0)))).toMatch(/outside the sample/);
  });
});
