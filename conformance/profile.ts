import { errorSource } from '../spec/errors.ts';

/**
 * How strictly a target is compared with the model.
 * - `model`: every answer as the model gives it — each refusal's exact status and `error_code`,
 *   the log's exact growth. The in-process default: the mock is the model's own.
 * - `documented`: what the vendor documents — a refusal's status and code where
 *   spec/semantics.md marks them *documented*, the 2xx/4xx class everywhere, and the MUSTs; a
 *   *decided* status or code is compared by its class only (any 4xx; any `error_code`). The
 *   default against a `--target`: another implementation may decide otherwise and still conform.
 */
export type Profile = 'documented' | 'model';
export const PROFILES: readonly Profile[] = ['documented', 'model'];

/** What a profile compares less strictly than `model`, for the report. */
export const RELAXED: Readonly<Record<Profile, readonly string[]>> = {
  model: [],
  documented: [
    'a refusal whose status spec/semantics.md marks decided: any 4xx',
    'a refusal whose error_code spec/semantics.md marks decided: any error_code',
    "the log: the run's own entries (by type and entity), not the count of all entries",
  ],
};

export interface Refusal {
  readonly status: number;
  readonly error_code: string;
}

/** What the target answered to a request the model refuses (no status: a join's later outcome). */
export interface Answered {
  readonly status?: number;
  readonly error_code?: string;
}

/** Whether a refusal the target gave agrees with the model's, under a profile. */
export function refusalAgrees(profile: Profile, expected: Refusal, actual: Answered): boolean {
  if (profile === 'model') return (actual.status === undefined || actual.status === expected.status) && actual.error_code === expected.error_code;
  const source = errorSource(expected.error_code, expected.status);
  const status = actual.status === undefined || (source.statusSource === 'documented' ? actual.status === expected.status : actual.status >= 400 && actual.status < 500);
  // A refusal carries an error_code (API-ERR-001) even where which one is the target's choice.
  const code = source.code === 'documented' ? actual.error_code === expected.error_code : typeof actual.error_code === 'string' && actual.error_code !== '';
  return status && code;
}
