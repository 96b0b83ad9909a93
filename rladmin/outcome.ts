import type { Answer } from '../api/target.ts';

/**
 * What a command comes to: an exit code and the text for each stream. Commands return it as
 * data; only the edge (`main.ts`) writes and exits.
 *
 * Exit codes: 0 done; 1 the cluster refused or the operation did not finish; 2 wrong syntax,
 * options or credentials, or a target that cannot be reached.
 */
export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const text = (lines: readonly string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

export const done = (...lines: string[]): Outcome => ({ code: 0, stdout: text(lines), stderr: '' });

/** The operation was refused or failed, said in words. */
export const failed = (message: string): Outcome => ({ code: 1, stdout: '', stderr: `Error: ${message}\n` });

export const usageError = (lines: readonly string[]): Outcome => ({ code: 2, stdout: '', stderr: text(lines) });

/**
 * A refusal in the cluster's own words: its `description` and `error_code`. Refused credentials
 * are a matter of configuration (exit 2), like an unreachable target.
 */
export function refused(answer: Answer): Outcome {
  const body = typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {};
  const words = typeof body.description === 'string' ? body.description : typeof body.message === 'string' ? body.message : `the cluster answered HTTP ${answer.status}`;
  const code = typeof body.error_code === 'string' ? ` (${body.error_code})` : '';
  const outcome = failed(`${words}${code}`);
  return answer.status === 401 ? { ...outcome, code: 2 } : outcome;
}

export const isRefusal = (answer: Answer): boolean => answer.status < 200 || answer.status >= 300;
