import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { compile, match, mergeProblems, type Pattern } from './grammar.ts';

const SAMPLE: Record<string, string> = { id: '2', ip: '10.0.0.9', port: '8443', db: 'cache' };

/** A command line the pattern accepts, with every optional part present (or absent). */
function example(p: Pattern, withOptional: boolean): string[] {
  return p.slots
    .filter((s) => withOptional || !s.optional)
    .flatMap((s) => (s.kind === 'word' ? [s.word] : s.kind === 'choice' ? [s.words[0]!] : s.many ? [SAMPLE[s.name]!, '10.0.0.10'] : [SAMPLE[s.name]!]));
}

describe('the rladmin grammar', () => {
  it('reads a documented usage line as the pattern it accepts', () => {
    const p = compile('node <id> remove [ wait_for_persistence { enabled | disabled } ]');
    expect(match(p, ['node', '3', 'remove'])).toEqual({ ok: true, values: { id: '3' } });
    expect(match(p, ['node', '3', 'remove', 'wait_for_persistence', 'disabled'])).toEqual({ ok: true, values: { id: '3', wait_for_persistence: 'disabled' } });
    expect(match(p, ['node', '3', 'remove', 'wait_for_persistence'])).toMatchObject({ ok: false, matched: 4, problem: "missing enabled or disabled" });
    expect(match(compile('node <id> external_addr set <ip> ...'), ['node', '1', 'external_addr', 'set', 'a', 'b'])).toEqual({ ok: true, values: { id: '1', ip: ['a', 'b'] } });
    expect(match(compile('node <id> external_addr set <ip> ...'), ['node', '1', 'external_addr', 'set'])).toMatchObject({ ok: false, problem: 'missing <ip>' });
    expect(() => compile('node <nodeid>')).toThrow(/unknown argument type/);
  });

  it('accepts every command in exactly one way: no line matches two commands', () => {
    const patterns = COMMANDS.map((c) => compile(c.usage));
    for (const p of patterns) {
      for (const line of [example(p, true), example(p, false)]) {
        const hits = patterns.filter((q) => match(q, line).ok).map((q) => q.usage);
        expect(hits, line.join(' ')).toEqual([p.usage]);
      }
    }
  });

  it('merges equally near misses into one sentence', () => {
    const line = ['cluster', 'config', 'cm-port'];
    const misses = COMMANDS.map((c) => match(compile(c.usage), line)).filter((m) => !m.ok && m.matched === 2);
    expect(mergeProblems(misses as never)).toBe("expected 'cm_port', 'cnm_http_port', 'cnm_https_port' or 'http_support', not 'cm-port'");
  });
});
