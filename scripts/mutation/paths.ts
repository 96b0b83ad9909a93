import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pristine tree: the one `npm run mutation` was started in, never a Stryker sandbox. */
export const PRISTINE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Raw output of a run (kept out of git): Stryker's JSON, the plan, one verdict per judged mutant. */
export const RAW_DIR = join(PRISTINE, 'reports', 'mutation');
/** The plan and verdicts a judge reads and writes (`trial.ts` gives its own, so a trial never meets a run's). */
export const RUN_DIR = process.env.MUTATION_RUN_DIR ?? join(RAW_DIR, 'run');
/** Where Stryker builds its sandboxes. */
export const TEMP_DIR = '.stryker-tmp';
