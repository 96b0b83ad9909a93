/**
 * A Stryker ignorer (its plugin API: `ignorers: ['mutation-sample']`) that keeps only the code
 * around the sampled mutants: a syntax node is ignored, with everything under it, when no sampled
 * mutant lies within it. Ignoring works on nodes, not mutants, so what is left still holds the
 * sampled mutants' neighbours (other mutators on the same node, mutants of the enclosing nodes):
 * those are instrumented but never judged (the judge skips every id outside the sample in a few
 * milliseconds). Ignored mutants keep their ids, so the ids listed beforehand stay right.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';
import type { Ignorer, NodePath } from '@stryker-mutator/api/ignore';
import type { RunPlan, Site } from './plan.ts';
import { RUN_DIR } from './paths.ts';

interface Loc {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}
const before = (a: Loc['start'], b: Loc['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);

/** Whether `site` (Babel's lines from 1) lies within `loc`. */
export const within = (site: Site, loc: Loc) => before(loc.start, site.start) && before(site.end, loc.end);

export class SampleIgnorer implements Ignorer {
  private readonly sites: ReadonlyMap<string, readonly Site[]>;
  constructor(sites?: readonly Site[]) {
    const all = sites ?? (JSON.parse(readFileSync(join(RUN_DIR, 'plan.json'), 'utf8')) as RunPlan).sites;
    const byFile = new Map<string, Site[]>();
    for (const s of all) byFile.set(resolve(s.file), [...(byFile.get(resolve(s.file)) ?? []), s]);
    this.sites = byFile;
  }

  shouldIgnore(path: NodePath): string | undefined {
    const p = path as { node: { loc?: Loc | null }; hub?: { file?: { opts?: { filename?: string } } } };
    const file = p.hub?.file?.opts?.filename;
    const loc = p.node.loc;
    if (!file || !loc) return undefined;
    const sites = this.sites.get(resolve(file)) ?? [];
    return sites.some((s) => within(s, loc)) ? undefined : 'outside the sample (npm run mutation --sample)';
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'mutation-sample', SampleIgnorer)];
