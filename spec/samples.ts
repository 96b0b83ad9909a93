import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_DIR } from './catalog.ts';

/**
 * Real answers of a real cluster (`reference/real-responses/README.md`), kept beside the
 * repository in `../shared`, not in it: the tests that read them skip when they are absent.
 */
export const SAMPLES_DIR = join(SPEC_DIR, '..', '..', 'shared', 'reference', 'real-responses');

export const SAMPLES_SKIP_REASON = 'the real answers are not beside the repository (../shared/reference/real-responses)';

/** Each sample and the request that answered it. */
export const REAL_SAMPLES = [
  { file: 'node.json', path: '/v1/nodes/1' },
  { file: 'bdb.json', path: '/v1/bdbs/1' },
  { file: 'cluster.json', path: '/v1/cluster' },
] as const;

export const haveSamples = (): boolean => existsSync(SAMPLES_DIR);

export const readSample = (file: string): string => readFileSync(join(SAMPLES_DIR, file), 'utf8');
