import { Mismatch } from './mismatch.ts';

/**
 * A refusal of the REST API says what was wrong in the API's shape (API-ERR-001):
 * `{ error_code, description }`, the description a sentence for the person reading it. Its wording
 * is the implementation's, so only its presence is compared: a string, not empty.
 */
export function checkRefusalBody(label: string, body: unknown, reqs: readonly string[]): void {
  const description = (body as { description?: unknown } | undefined)?.description;
  if (typeof description !== 'string' || description.trim() === '') {
    throw new Mismatch(`${label}: a refusal's body`, '{ error_code, description } with a description', body, ['API-ERR-001', ...reqs]);
  }
}
