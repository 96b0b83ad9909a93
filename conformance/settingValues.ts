import fc from 'fast-check';
import { loadOpenApi } from '../spec/openapi.ts';

/**
 * Values for the database fields the model stores as sent (`BdbSettings` of spec/openapi.yaml,
 * the reference's types): for each field, values its documented type allows and values it does
 * not, derived from the schema (an enum, a boolean, an integer with its minimum, a string, a list
 * of objects), never from the implementation's rules. A value allowed must be stored and answered
 * back; one not allowed must be refused and change nothing; the boundaries (the minimum and one
 * below it, a name of another field's enum, `null`) are where a mistaken rule differs.
 */
type Schema = { readonly type?: string; readonly enum?: readonly string[]; readonly minimum?: number; readonly items?: { readonly required?: readonly string[] } };

export interface SettingValues {
  readonly valid: readonly unknown[];
  readonly invalid: readonly unknown[];
}

/** What a field's schema allows and does not, near its edges. */
export function valuesOf(schema: Schema, otherEnumValue: string): SettingValues {
  if (schema.enum) return { valid: schema.enum, invalid: [otherEnumValue, '', null, true, schema.enum[0]!.toUpperCase() + 'x'] };
  switch (schema.type) {
    case 'boolean':
      return { valid: [true, false], invalid: ['true', 1, null] };
    case 'integer': {
      const min = schema.minimum ?? 0;
      return { valid: [min, min + 2], invalid: [min - 1, min + 0.5, String(min + 1), null] };
    }
    case 'string':
      return { valid: ['7.2', ''], invalid: [7, null, ['x']] };
    case 'array': {
      const required = schema.items?.required ?? [];
      const item = Object.fromEntries(required.map((k) => [k, 'search']));
      return { valid: [[], [{ ...item, interval: 1 }]], invalid: [{}, 'x', [null], ...(required.length ? [[{ other: 1 }]] : [])] };
    }
    default:
      return { valid: [], invalid: [] };
  }
}

let table: Readonly<Record<string, SettingValues>> | undefined;

/** Every documented setting with its values (read once from the specification). */
export function settingValues(): Readonly<Record<string, SettingValues>> {
  if (table) return table;
  const properties = loadOpenApi().components.schemas.BdbSettings.properties as Record<string, Schema>;
  const enums = Object.values(properties).flatMap((s) => s.enum ?? []);
  table = Object.fromEntries(
    Object.entries(properties).map(([field, schema]) => {
      // A value of ANOTHER field's enum: a rule that checks the wrong list lets it through.
      const other = enums.find((v) => !(schema.enum ?? []).includes(v)) ?? 'other';
      return [field, valuesOf(schema, other)];
    }),
  );
  return table;
}

/**
 * One to three settings of a creation or an update: mostly allowed values (what real clients send,
 * stored and read back), a quarter not allowed (refused); now and then a field that is not a
 * setting at all.
 */
export const databaseSettings: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.constantFrom(...Object.keys(settingValues())).chain((field) => {
      const { valid, invalid } = settingValues()[field]!;
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) }).map((v) => [field, v] as const);
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((pairs) => Object.fromEntries(pairs));
