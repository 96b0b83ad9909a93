import { describe, expect, it } from 'vitest';
import { conformance } from '../testing/cli.ts';
import { CANONICAL } from './merge.ts';
import { parseShard, shardAreas, type Shard } from './shard.ts';

const shards = (names: readonly string[], count: number) =>
  Array.from({ length: count }, (_, i) => shardAreas(names, { index: i + 1, count }) as string[]);

describe('--shard i/n', () => {
  it('partitions the areas: every area in exactly one shard, in the run order, none empty, sizes within one', () => {
    for (const names of [CANONICAL, CANONICAL.slice(0, 5), CANONICAL.slice(2, 3)]) {
      for (let count = 1; count <= names.length; count++) {
        const parts = shards(names, count);
        expect(parts.flat()).toEqual([...names]);
        const sizes = parts.map((p) => p.length);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // The same answer on every machine.
        expect(shards(names, count)).toEqual(parts);
      }
    }
  });

  it('reads i/n, and refuses anything else with a reason', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard(' 1/1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '0/0', '1', '1/2/3', 'a/b', '-1/2', '1.5/2', '']) {
      expect(parseShard(bad), bad).toEqual({ problem: expect.stringMatching(/--shard/) });
    }
  });

  it('refuses more shards than areas: a shard would check nothing', () => {
    const tooMany: Shard = { index: 1, count: 4 };
    expect(shardAreas(['a', 'b', 'c'], tooMany)).toEqual({ problem: expect.stringMatching(/only 3 areas .* at most 3 shards/) });
  });
});

describe('the CLI with --shard and --workers', () => {
  it('refuses a bad share or worker count as a usage error (exit 2), and runs only its share', async () => {
    for (const bad of [['--shard', '3/2'], ['--shard', '1/99'], ['--workers', '0'], ['--workers', 'two']]) {
      const r = await conformance([...bad, '--area', 'reads']);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^--(shard|workers)/);
    }
    // databases comes before reads in the run's order: the second of two shards is reads alone.
    const r = await conformance(['--shard', '2/2', '--area', 'reads,databases', '--runs', '1', '--max-commands', '3', '--workers', '2', '--seed', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}passed +reads /m);
    expect(r.stdout).not.toMatch(/^ {2}\S+ +databases /m);
  }, 300_000);
});
