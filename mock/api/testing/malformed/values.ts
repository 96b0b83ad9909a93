import fc from 'fast-check';

/** JSON values of each kind, and values that are definitely not of a kind. */
/** A plain object with exactly these own properties, `__proto__` included (a literal would set the prototype). */
export const own = (...entries: readonly (readonly [string, unknown])[]): Record<string, unknown> => Object.fromEntries(entries);
/** `base` with `key` set (or added) as an own property. */
export const withField = (base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> =>
  Object.fromEntries([...Object.entries(base).filter(([k]) => k !== key), [key, value]]);

export const json = fc.jsonValue({ maxDepth: 2 });
/**
 * Objects, including ones whose keys shadow Object.prototype: a server that calls `String(x)`
 * or looks a key up in a plain object is caught by these.
 */
export const objects: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }),
  fc.constantFrom(own(['toString', 1]), own(['valueOf', {}], ['toString', 'x']), own(['__proto__', {}]), own(['length', 1]), own(['0', '10.0.0.1'])),
);
export const arrays = fc.array(json, { maxLength: 4 });
export const nonIntegers = fc.oneof(
  fc.constantFrom(1.5, -0.5, 0.1, 1e-7, 65535.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);
export const numbers = fc.oneof(fc.integer(), nonIntegers);
/** Strings that are not all digits, so no lenient reading can take them for a number. */
const nonDigitStrings = fc.oneof(
  fc.constantFrom('', 'ten', '1.5', ' 1', '1 ', '0x10', '1e3', '-1', '+1', 'NaN', 'Infinity', 'true', 'null'),
  fc.string({ maxLength: 10 }).filter((s) => !/^[0-9]+$/.test(s)),
);
export const notString = fc.oneof(numbers, fc.boolean(), fc.constant(null), objects, arrays);
export const notBoolean = fc.oneof(fc.constantFrom('true', 'false', 'yes', '', 0, 1), fc.string({ maxLength: 6 }), numbers, fc.constant(null), objects, arrays);
export const notInteger = fc.oneof(nonDigitStrings, nonIntegers, fc.boolean(), fc.constant(null), objects, arrays);

/** A value of another JSON type than `current`'s: it can never be "sent back unchanged". */
export function otherTypeThan(current: unknown): fc.Arbitrary<unknown> {
  const kinds: fc.Arbitrary<unknown>[] = [];
  if (typeof current !== 'string') kinds.push(fc.string({ maxLength: 8 }));
  if (typeof current !== 'number') kinds.push(numbers);
  if (typeof current !== 'boolean') kinds.push(fc.boolean());
  if (current !== null) kinds.push(fc.constant(null));
  if (!Array.isArray(current)) kinds.push(arrays);
  if (typeof current !== 'object' || current === null || Array.isArray(current)) kinds.push(objects);
  return fc.oneof(...kinds);
}
