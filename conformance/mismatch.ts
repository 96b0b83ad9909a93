/** The target did something the specification does not allow: the one failure of a run. */
export class Mismatch extends Error {
  constructor(
    readonly step: string,
    readonly expected: unknown,
    readonly actual: unknown,
    readonly reqs: readonly string[],
  ) {
    super(`${step}\n  expected: ${JSON.stringify(expected)}\n  actual:   ${JSON.stringify(actual)}${reqs.length ? `\n  requirements: ${reqs.join(', ')}` : ''}`);
  }
}
