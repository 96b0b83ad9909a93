import { CATALOG } from '../report/titles.ts';
import { OBSERVED_REQS } from '../observe.ts';
import { AREAS, areaRequirements } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import { Usage } from './usageError.ts';
import { canonicalOrder } from '../parallel/merge.ts';
import { parseShard, shardAreas } from '../parallel/shard.ts';

/**
 * Tags are the documents the requirements come from (spec/requirements/*.yaml `source.doc`), so
 * someone proving a cluster follows one document runs what checks that document.
 */
const tagOf = (doc: string) => doc.replace(/^.*\//, '').replace(/\.md$/, '');
export const TAGS = [...new Set(CATALOG.map((r) => tagOf(r.source.doc)))].sort();

/** Every area and check by name, checks first (the order a run takes them). */
export const AREA_NAMES: readonly string[] = [...CHECKS, ...AREAS].map((a) => a.name);

/** The requirements an area or check can check. */
export const requirementsOf = (name: string): string[] => {
  const area = AREAS.find((a) => a.name === name);
  return CHECKS.find((c) => c.name === name)?.reqs.slice() ?? (area ? areaRequirements(area) : []);
};

/**
 * A comma-separated option's items. An empty item is a mistake, never "everything": `--area ''`
 * from an unset shell variable must not run the whole suite.
 */
export function listOption(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim());
  if (items.some((i) => i === '')) throw new Usage(`--${name} takes a comma-separated list with no empty item, not "${value}"`);
  return items;
}

export interface Selection {
  readonly area?: string | undefined;
  readonly requirement?: string | undefined;
  readonly tag?: string | undefined;
  /** With 2 or more (`--clients`), the concurrent area is among those run. */
  readonly clients?: number;
}

/** The areas `--area`, `--requirement` and `--tag` select (all by default), in run order. */
export function selectAreas(o: Selection): string[] {
  // The concurrent area runs whenever --clients asks for it; named alone, it runs alone.
  let names = [...AREA_NAMES, ...((o.clients ?? 1) > 1 ? ['concurrent'] : [])];
  const asked = listOption('area', o.area);
  if (asked) {
    const unknown = asked.filter((a) => !names.includes(a));
    if (unknown.length) throw new Usage(`unknown area ${unknown.join(', ')}; areas: ${names.join(', ')}`);
    names = names.filter((n) => asked.includes(n));
  }
  const ids = listOption('requirement', o.requirement);
  if (ids) {
    names = names.filter((n) => requirementsOf(n).some((r) => ids.includes(r)));
    if (!names.length) throw new Usage(`no selected area checks ${ids.join(', ')} (--list shows what each checks)`);
  }
  const tags = listOption('tag', o.tag);
  if (tags) {
    const unknown = tags.filter((t) => !TAGS.includes(t));
    if (unknown.length) throw new Usage(`unknown tag ${unknown.join(', ')}; tags: ${TAGS.join(', ')}`);
    const tagged = new Set(CATALOG.filter((r) => tags.includes(tagOf(r.source.doc))).map((r) => r.id));
    // By what an area's own commands check: the state read after every step is in every area.
    const observed = new Set<string>(OBSERVED_REQS);
    names = names.filter((n) => requirementsOf(n).some((r) => tagged.has(r) && !observed.has(r)));
    if (!names.length) throw new Usage(`no selected area checks a requirement of ${tags.join(', ')}`);
  }
  return names;
}

/** `--shard i/n`: this machine's share of the selected areas. */
export function sharded(shard: string | undefined, names: string[]): string[] {
  if (shard === undefined) return names;
  const parsed = parseShard(shard);
  const mine = 'problem' in parsed ? parsed : shardAreas(canonicalOrder(names), parsed);
  if ('problem' in mine) throw new Usage(mine.problem);
  return mine;
}
