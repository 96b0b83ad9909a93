import { describe, expect, it } from 'vitest';
import { filesToMutate, walk } from './files.ts';
import { PRISTINE } from './paths.ts';

describe('the files to mutate', () => {
  const files = filesToMutate(walk(PRISTINE));

  it('are the machines, the domain rules and fold, the views and the edge; never a test or the machines test helpers', () => {
    expect(files).toEqual(expect.arrayContaining(['machines/cluster.machine.ts', 'domain/rules/ports.ts', 'domain/evolve/index.ts', 'mock/api/views/node.ts', 'mock/edge/ports.ts', 'mock/edge/pki.ts']));
    expect(files.filter((f) => f.endsWith('.test.ts') || f.startsWith('machines/testing/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('conformance/') || f.startsWith('spec/'))).toEqual([]);
  });

  it('narrow to the paths --files names', () => {
    expect(filesToMutate(walk(PRISTINE), ['domain/rules/ports.ts'])).toEqual(['domain/rules/ports.ts']);
    expect(filesToMutate(walk(PRISTINE), ['nothing-like-this'])).toEqual([]);
  });
});
