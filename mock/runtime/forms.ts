/**
 * Answers the specification accepts in more than one form, and which of them a mock gives.
 *
 * Where spec/semantics.md or spec/control.md lets a target answer in one of several forms, the
 * reference mock gives one (the model's) and each other form has a name here that a mock can be
 * asked for (`createMockCluster({ forms: ['sync-join'] })`, `npm run mock -- --form sync-join`).
 * The suite must pass against every form it accepts: each has a test that runs it against a mock
 * giving it. Unlike a dialect (mock/api/dialect.ts), a form changes *when* or *how* an outcome is
 * reported, not the words of a refusal.
 */
export type Form = 'sync-join' | 'reset-keeps-clock' | 'log-limit-zero-means-all';

/** Every form, with what it changes (and, in a comment, where the specification accepts it). */
export const FORMS: Readonly<Record<Form, string>> = {
  // semantics.md "Joins: synchronous and asynchronous refusals" (conformance/forms.test.ts).
  'sync-join': 'a refused join is answered at once (4xx with the code), not taken and reported by GET /v1/bootstrap',
  // control.md "What a reset does to the clock and to held ports" (conformance/start/reset.test.ts).
  'reset-keeps-clock': "a reset builds the new cluster at the old cluster's clock where that is ahead of the wall clock",
  // semantics.md "Log queries" (mock/api/logs.test.ts).
  'log-limit-zero-means-all': 'GET /v1/logs?limit=0 reads 0 as no limit instead of no entry',
};

export const FORM_NAMES = Object.keys(FORMS) as readonly Form[];

/** The forms named, checked: an unknown name is an error for the caller to report. */
export function parseForms(names: readonly string[]): { readonly ok: true; readonly forms: readonly Form[] } | { readonly ok: false; readonly unknown: string } {
  const unknown = names.find((n) => !Object.hasOwn(FORMS, n));
  return unknown === undefined ? { ok: true, forms: [...new Set(names as readonly Form[])] } : { ok: false, unknown };
}
