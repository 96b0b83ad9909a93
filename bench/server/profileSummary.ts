/**
 * What a V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` or the inspector's `Profiler.stop`
 * write it) says about where the time went: the functions with the most self time, the ones
 * with the most inclusive time (a function counted once per sample however often it recurs), and
 * self time by source file. Shares are of the sampled time, idle included, so on a loaded
 * machine they still compare; absolute times do not.
 */

export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Entry {
  readonly name: string;
  readonly us: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalUs: number;
  /** Time the thread was idle (waiting in the event loop). */
  readonly idleUs: number;
  readonly self: readonly Entry[];
  readonly inclusive: readonly Entry[];
  readonly byFile: readonly Entry[];
}

/** `file.ts` under the project, `node:…` for node's own, a package's name for node_modules. */
export function shortUrl(url: string): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const at = url.search(/\/(domain|machines|core|api|spec|mock|conformance|bench|scripts)\//);
  return at >= 0 ? url.slice(at + 1) : url;
}

const top = (m: Map<string, number>, total: number, n: number): Entry[] =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, us, share: us / total }));

/** The top `n` entries of each kind. */
export function summarise(p: CpuProfile, n = 25): ProfileSummary {
  const parent = new Map<number, number>();
  const key = new Map<number, string>();
  const file = new Map<number, string>();
  for (const node of p.nodes) {
    for (const c of node.children ?? []) parent.set(c, node.id);
    const f = node.callFrame;
    const where = shortUrl(f.url);
    key.set(node.id, `${f.functionName || '(anonymous)'}${where ? ` ${where}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`);
    file.set(node.id, where || f.functionName);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    total += us;
    const k = key.get(id)!;
    if (k.startsWith('(idle)')) idle += us;
    self.set(k, (self.get(k) ?? 0) + us);
    byFile.set(file.get(id)!, (byFile.get(file.get(id)!) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = key.get(at)!;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  });
  return { totalUs: total, idleUs: idle, self: top(self, total, n), inclusive: top(inclusive, total, n), byFile: top(byFile, total, n) };
}
