import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { ListedMutant } from './sample.ts';
import { TraceabilityIgnorer } from './traceability.ts';

const quiet = { isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };

/**
 * Every mutant Stryker will generate in `files`, with the ids it will give them: the same
 * instrumenter, the same files in the same order, the same options (no excluded mutators, the
 * traceability ignorer, whose mutants are numbered and left out). The
 * ids do not depend on what is later ignored (an ignored mutant is still numbered); the run
 * checks they agree (`checkIdentity`) before any verdict is trusted.
 */
export async function listMutants(root: string, files: readonly string[]): Promise<ListedMutant[]> {
  const instrumenter = new Instrumenter(quiet as never);
  const result = await instrumenter.instrument(
    files.map((f) => ({ name: join(root, f), content: readFileSync(join(root, f), 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [new TraceabilityIgnorer()] },
  );
  // Traceability is not decision logic: its mutants keep their ids but are never drawn.
  return result.mutants.filter((m) => m.status !== 'Ignored').map((m) => ({
    id: m.id,
    fileName: m.fileName.slice(root.length + 1).split('\\').join('/'),
    mutatorName: m.mutatorName,
    replacement: m.replacement,
    location: m.location,
  }));
}
