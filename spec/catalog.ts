import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

export interface Requirement {
  readonly id: string;
  readonly level: 'MUST' | 'SHOULD' | 'MAY';
  readonly status: 'accepted' | 'decision' | 'withdrawn';
  readonly source: { readonly doc: string; readonly section: string; readonly quote?: string };
  readonly text: string;
  readonly observable: 'api' | 'control' | 'none';
  readonly decision?: string;
  /** Why no test can ever check it. */
  readonly unchecked?: string;
  /** What will check it, and why nothing does yet. Shown as a gap in TRACE.md. */
  readonly pending?: string;
  /** Why the conformance suite, which sees a target only through its API, cannot check it. */
  readonly outsideSuite?: string;
  /** The catalogue file it came from. */
  readonly file: string;
}

import { SPEC_DIR } from './dir.ts';

export { SPEC_DIR };

/**
 * Loads every `spec/requirements/*.yaml`, validated against `requirements.schema.json`.
 * Throws on the first file that does not validate, on an ID outside its file's area, and on
 * an ID listed twice: the catalogue is the source of truth and must be sound to be read.
 */
export function loadCatalog(dir = join(SPEC_DIR, 'requirements')): Requirement[] {
  const schema = JSON.parse(readFileSync(join(SPEC_DIR, 'requirements.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const seen = new Map<string, string>();
  const out: Requirement[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const doc = parse(readFileSync(join(dir, file), 'utf8'));
    if (!validate(doc)) {
      const errors = validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      throw new Error(`spec/requirements/${file}: ${errors}`);
    }
    const { area, requirements } = doc as { area: string; requirements: Omit<Requirement, 'file'>[] };
    for (const r of requirements) {
      if (!r.id.startsWith(`${area.split('-')[0]}-`)) throw new Error(`spec/requirements/${file}: ${r.id} is outside area ${area}`);
      if (seen.has(r.id)) throw new Error(`${r.id} is listed in both ${seen.get(r.id)} and ${file}`);
      seen.set(r.id, file);
      out.push({ ...r, file });
    }
  }
  return out;
}
