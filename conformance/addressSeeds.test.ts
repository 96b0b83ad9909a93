import { describe, expect, it } from 'vitest';
import { addressSeeds, OTHER_HOLDERS } from './addressSeeds.ts';
import { runOnModel } from './testing/modelRun.ts';

/** The commands that take addresses, by how their label starts. */
const COMMANDS = ['SetExternalAddresses', 'SetNodeAddress', 'JoinNode(', 'JoinNode-external', 'BindHostAddresses'] as const;

/** Which (command × holder) partitions the seeds send, read from each step's label once it resolved its values. */
function partitionsSent(): Set<string> {
  const sent = new Set<string>();
  for (const seed of addressSeeds()) {
    runOnModel(seed, ({ command }) => {
      const label = command.toString();
      for (const holder of OTHER_HOLDERS) {
        // A held value reads `"10.0.0.1" = node 1's internal` (a spare host's: `spare host host-4's bound`).
        const from = new RegExp(`(node \\d+|spare host [\\w-]+)'s ${holder}`);
        if (label.startsWith('JoinNode(')) {
          const [addrs, external] = label.split(', external ');
          if (from.test(addrs!)) sent.add(`JoinNode( × ${holder}`);
          if (external && from.test(external)) sent.add(`JoinNode-external × ${holder}`);
        } else if (from.test(label)) sent.add(`${label.slice(0, label.indexOf('('))} × ${holder}`);
      }
    });
  }
  return sent;
}

describe('the address seeds', () => {
  it("send every address-taking command an address held by each kind of holder other than its subject", () => {
    const expected = COMMANDS.flatMap((c) => OTHER_HOLDERS.map((h) => `${c} × ${h}`)).sort();
    expect([...partitionsSent()].sort()).toEqual(expected);
  });

  it('send an external address that another node holds as external, where the rules of the two kinds differ', () => {
    const sent = partitionsSent();
    expect(sent.has('SetExternalAddresses × external')).toBe(true);
    expect(sent.has('JoinNode-external × external')).toBe(true);
  });
});

describe('the address seeds, as sequences', () => {
  it('keep each to six steps at most: a seed that fails is its own counterexample', () => {
    expect(Math.max(...addressSeeds().map((s) => s.length))).toBeLessThanOrEqual(6);
  });
});
