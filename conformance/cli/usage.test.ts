import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants/catalogue.ts';
import { cli } from './testIo.ts';

// A mistake on the command line: exit 2, nothing on stdout, one line on stderr saying what is
// wrong and where to read more (never the whole usage text, which buries it), nothing run.
describe('usage errors', () => {
  it.each([
    [['--runs', '-3'], '--runs must be a whole number ≥ 1'],
    [['--runs=-3'], '--runs must be a whole number ≥ 1'],
    [['--runs', '0'], '--runs must be a whole number ≥ 1'],
    [['--runs', '2.5'], '--runs must be a whole number ≥ 1'],
    [['--max-commands', '-1'], '--max-commands must be a whole number ≥ 1'],
    [['--seed', '-7'], '--seed must be a whole number ≥ 0'],
    [['--runs'], '--runs needs a value'],
    [['--runs', '--area', 'mixed'], '--runs needs a value'],
    [['--area', ''], '--area takes a comma-separated list with no empty item, not ""'],
    [['--area', 'mixed,'], '--area takes a comma-separated list with no empty item, not "mixed,"'],
    [['--requirement', ''], '--requirement takes a comma-separated list with no empty item, not ""'],
    [['--tag', ','], '--tag takes a comma-separated list with no empty item, not ","'],
    [['--area', 'nope'], expect.stringMatching(/^unknown area nope; areas: node-certificates, .*mixed, .*reads$/)],
    [['--requirement', 'NOPE-001'], 'no selected area checks NOPE-001 (--list shows what each checks)'],
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['stray'], 'unexpected argument "stray": every option is --name value'],
    [['--report', 'xml'], '--report takes junit or json, not "xml"'],
    [['--out', 'x.xml'], '--out names where --report writes: give --report junit or json'],
    [['--target', ''], '--target must be an http(s) URL, not ""'],
    [['--control', 'https://h/control/v1'], '--control needs --target'],
    [['--profile', 'loose'], '--profile takes documented or model'],
    [['--mutant', 'encrypted-by-default', '--target', 'https://127.0.0.1:1'], '--mutant runs a broken variant of the in-process mock: leave out --target'],
  ])('%j → %s', async (args, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toEqual([expect.stringMatching(/ \(see --help\)$/), '']);
    expect(lines[0]!.replace(/ \(see --help\)$/, '')).toEqual(message);
  });

  it('answers an unknown mutant with every name it takes', async () => {
    const r = await cli('--mutant', 'no-such-mutant');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`unknown mutant "no-such-mutant"; mutants: ${MUTANTS.map((m) => m.name).join(', ')} (see --help)\n`);
  });

  it('prints the whole usage on --help, on stdout, exit 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const option of ['--list', '--list-mutants', '--mutant', '--report', '--out']) expect(r.stdout).toContain(`  ${option} `);
  });
});
