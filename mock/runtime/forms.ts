/**
 * Named forms: another answer the specification allows where it lets a target choose
 * (spec/semantics.md and spec/control.md say which), so that a test can run the suite against a
 * mock that answers that way and show the suite accepts it. The default mock answers none of them.
 *
 * - `reset-keeps-clock`: a reset builds the new cluster at the old cluster's clock where that is
 *   ahead of the wall clock, instead of at the wall clock (control.md, what a reset does).
 * - `log-limit-zero-means-all`: `GET /v1/logs?limit=0` reads 0 as "no limit" instead of "no
 *   entry" (semantics.md, "Log queries").
 */
export const DECISION_FORMS = ['reset-keeps-clock', 'log-limit-zero-means-all'] as const;
export type DecisionForm = (typeof DECISION_FORMS)[number];
