import { createRequire } from 'node:module';
import type build from 'fast-json-stringify';

// Loaded and compiled on a view's first answer, not at start: the library and the compiling are
// a large share of what the mock's start would otherwise spend before it listens.
const require = createRequire(import.meta.url);

/**
 * Precompiled serialisers for the hot answers (decisions/0018-serving-path.md). A view is a block
 * of constants from a real cluster's answer with the model's fields spread over it; the constants
 * are written as text made once (a schema `const`), the model's fields by their declared type.
 *
 * The text must be the bytes `JSON.stringify` gives, since the in-process mock and clients that
 * compare answers see the one or the other. That holds because the schema keeps the view's key
 * order (a spread keeps an overridden key where it first was), a field is declared only with the
 * JSON type its TypeScript type allows, and anything of no fixed type is declared as `{}`, which
 * the library writes with `JSON.stringify`. What the library would write differently (a NaN, a
 * value of another type) makes it throw or is caught by `mock/api/views/serialise.test.ts`,
 * which compares both over many states; a throw falls back to `JSON.stringify`.
 */

export type Schema = Readonly<Record<string, unknown>>;

export const STRING: Schema = { type: 'string' };
export const NUMBER: Schema = { type: 'number' };
export const BOOLEAN: Schema = { type: 'boolean' };
export const STRINGS: Schema = { type: 'array', items: STRING };
export const NUMBERS: Schema = { type: 'array', items: NUMBER };
/** Any JSON value: written by `JSON.stringify`. */
export const ANY: Schema = {};

/**
 * The schema of `{ ...constants, ...free, ...fields }`: each key where the spread puts it, a
 * constant as its text unless a later part overrides it, `free` keys (values of no fixed type,
 * such as a database's settings) as any JSON.
 */
export function viewSchema(constants: Readonly<Record<string, unknown>>, fields: Readonly<Record<string, Schema>>, free: readonly string[] = []): Schema {
  const properties: Record<string, Schema> = {};
  for (const [k, v] of Object.entries(constants)) properties[k] = { const: v };
  for (const k of free) properties[k] = ANY;
  for (const [k, s] of Object.entries(fields)) properties[k] = s;
  return { type: 'object', properties };
}

export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/**
 * A compiled serialiser that gives up to `JSON.stringify` rather than write what it would not;
 * `plain` turns what it is given into what `JSON.stringify` should see (the whole view, where the
 * serialiser reads constants through a prototype).
 */
export function compile(schema: Schema, plain: (value: unknown) => unknown = (v) => v): (value: unknown) => string {
  let fast: ((value: unknown) => string) | undefined;
  return (value) => {
    try {
      fast ??= (require('fast-json-stringify') as typeof build)(schema as never) as (value: unknown) => string;
      return fast(value);
    } catch {
      return JSON.stringify(plain(value));
    }
  };
}
