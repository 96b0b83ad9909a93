import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SPEC_DIR } from './catalog.ts';

/**
 * Comparing the mock's objects with the real ones: with a real answer field by field and type
 * by type, and with the reference's documented field lists (`reference-fields.yaml`).
 */

type JsonType = 'null' | 'array' | 'object' | 'boolean' | 'number' | 'string';

export const jsonType = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));

/**
 * What `served` lacks of `real`: each field of the real answer missing from the served one or of
 * another JSON type, recursively through objects and through the first item of arrays (an empty
 * array on either side has no item to compare). Empty when the served answer has it all.
 */
export function fieldGaps(real: unknown, served: unknown, at = ''): string[] {
  if (jsonType(real) !== jsonType(served)) return [`${at || '/'}: ${jsonType(real)} in the real answer, ${jsonType(served)} served`];
  if (Array.isArray(real) && Array.isArray(served)) return real.length && served.length ? fieldGaps(real[0], served[0], `${at}/0`) : [];
  if (jsonType(real) !== 'object') return [];
  const r = real as Record<string, unknown>;
  const s = served as Record<string, unknown>;
  return Object.keys(r).flatMap((k) => (Object.hasOwn(s, k) ? fieldGaps(r[k], s[k], `${at}/${k}`) : [`${at}/${k}: missing`]));
}

/** How many fields an answer has, counting nested objects' fields too (through first array items). */
export function countFields(v: unknown): { top: number; all: number } {
  if (Array.isArray(v)) return v.length ? { top: 0, all: countFields(v[0]).all } : { top: 0, all: 0 };
  if (jsonType(v) !== 'object') return { top: 0, all: 0 };
  const values = Object.values(v as Record<string, unknown>);
  return { top: values.length, all: values.reduce<number>((n, x) => n + 1 + countFields(x).all, 0) };
}

export interface DocumentedObject {
  readonly source: string;
  readonly request: string;
  readonly fields: readonly string[];
  /** Fields a real cluster has only once something is configured. */
  readonly conditional?: readonly string[];
  /** Documented fields the mock does not serve, with why. */
  readonly missing?: Readonly<Record<string, string>>;
  /** The share of documented, unconditional fields that must be served (0.9 unless stated). */
  readonly minimum?: number;
  readonly minimum_reason?: string;
}

export const loadReferenceFields = (): Record<string, DocumentedObject> => parse(readFileSync(join(SPEC_DIR, 'reference-fields.yaml'), 'utf8'));

export interface Coverage {
  readonly documented: number;
  readonly served: number;
  /** Served over documented fields, the conditional ones left out. */
  readonly share: number;
  /** Documented fields neither served nor listed as missing. */
  readonly unexplained: string[];
  /** Fields listed as missing that are served after all. */
  readonly listedButServed: string[];
}

/** A documented object against the union of the fields of the objects the mock served for it. */
export function documentedCoverage(doc: DocumentedObject, served: readonly Record<string, unknown>[]): Coverage {
  const present = new Set(served.flatMap((o) => Object.keys(o)));
  const missing = doc.missing ?? {};
  const counted = doc.fields.filter((f) => !(doc.conditional ?? []).includes(f));
  const servedCount = counted.filter((f) => present.has(f)).length;
  return {
    documented: doc.fields.length,
    served: doc.fields.filter((f) => present.has(f)).length,
    share: counted.length ? servedCount / counted.length : 1,
    unexplained: doc.fields.filter((f) => !present.has(f) && !Object.hasOwn(missing, f)),
    listedButServed: Object.keys(missing).filter((f) => present.has(f)),
  };
}
