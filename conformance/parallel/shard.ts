/** `--shard i/n`: which of n machines this is, 1-based, as vitest and Playwright take it. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `i/n` read, or why it cannot be (errors as data: the CLI makes it a usage error). */
export function parseShard(text: string): Shard | { readonly problem: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { problem: `--shard takes i/n (this machine's share of n, from 1), not ${JSON.stringify(text)}` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return { problem: `--shard ${text}: i must be from 1 to n, and n at least 1` };
  return { index, count };
}

/**
 * This shard's areas: `names` (in the run's order) cut into n runs of consecutive areas whose sizes
 * differ by at most one, the i-th kept. Every area is in exactly one shard, the same on every
 * machine given the same names; a shard is never empty, so there are no more shards than areas.
 */
export function shardAreas(names: readonly string[], shard: Shard): string[] | { readonly problem: string } {
  if (shard.count > names.length) return { problem: `--shard ${shard.index}/${shard.count}: only ${names.length} area${names.length === 1 ? '' : 's'} to share out, so at most ${names.length} shards` };
  const from = Math.floor(((shard.index - 1) * names.length) / shard.count);
  const to = Math.floor((shard.index * names.length) / shard.count);
  return names.slice(from, to);
}
