/**
 * A value a client sent, in words for an error message. `String(value)` is not safe on data
 * parsed from JSON: `{"toString": "x"}` makes it throw. Strings appear as they are.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
