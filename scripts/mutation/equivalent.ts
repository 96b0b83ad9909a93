import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PRISTINE } from './paths.ts';

/**
 * A surviving mutant nobody can tell apart through the API, and why. Matched by what the mutant
 * IS (file, mutator, the original text and its replacement), never by line alone: lines move as
 * the code is edited, and a curated entry must stop matching when the code it judged changes.
 */
export interface Equivalent {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly reason: string;
}

const FILE = join(PRISTINE, 'scripts', 'mutation', 'equivalent.yaml');

/** Whitespace (line breaks, indentation) does not make two mutants different. */
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function equivalentFor(m: { file: string; mutator: string; original: string; replacement: string }, list: readonly Equivalent[]): Equivalent | undefined {
  return list.find((e) => e.file === m.file && e.mutator === m.mutator && norm(e.original) === norm(m.original) && norm(e.replacement) === norm(m.replacement));
}

/** The curated list; an entry without a reason, or missing a field, is refused. */
export function parseEquivalents(text: string): Equivalent[] {
  const doc = parse(text) ?? [];
  if (!Array.isArray(doc)) throw new Error('equivalent.yaml: a list of mutants is expected');
  return doc.map((e, i) => {
    for (const k of ['file', 'mutator', 'original', 'replacement', 'reason'] as const) {
      if (typeof e?.[k] !== 'string' || (k === 'reason' && !e[k].trim())) throw new Error(`equivalent.yaml entry ${i + 1}: ${k} must be a string${k === 'reason' ? ' (say why)' : ''}`);
    }
    return { file: e.file, mutator: e.mutator, original: e.original, replacement: e.replacement, reason: norm(e.reason) };
  });
}

export const loadEquivalents = (file = FILE): Equivalent[] => parseEquivalents(readFileSync(file, 'utf8'));
