import { loadCatalog, type Requirement } from '../../spec/catalog.ts';

/** The requirements catalogue (spec/requirements/*.yaml), read once for every report and listing. */
export const CATALOG: readonly Requirement[] = loadCatalog();

const TEXT = new Map(CATALOG.map((r) => [r.id, r.text.replace(/\s+/g, ' ').trim()]));

/** A requirement's text on one line, cut to `width`: its title wherever one is shown. */
export function requirementTitle(id: string, width = 100): string {
  const text = TEXT.get(id) ?? '(not in the catalogue)';
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
