import { afterEach, describe, expect, it, vi } from 'vitest';
import { main, type NamedVariant } from './cli.ts';

const VARIANTS: NamedVariant[] = ['first-broken', 'second-broken'].map((name) => ({ name, breaks: 'X-001', description: `${name} does a wrong thing`, handlers: () => [] }));

/** Runs the command line to its usage error: what it printed and the exit code. */
async function refused(argv: string[], variants?: NamedVariant[]): Promise<{ code: unknown; text: string }> {
  let text = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
    throw Object.assign(new Error('exit'), { exitCode: code });
  }) as never);
  await expect(main(argv, variants ? { variants } : {})).rejects.toThrow('exit');
  return { code: exit.mock.calls[0]?.[0], text };
}

afterEach(() => vi.restoreAllMocks());

describe('the mock command line', () => {
  it('lists the mutants it can serve', async () => {
    let out = '';
    await main(['--list-mutants'], { variants: VARIANTS, out: (t) => void (out += t) });
    expect(out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['first-broken', 'second-broken']);
  });

  it('refuses an unknown mutant with a usage error listing the names', async () => {
    const r = await refused(['--mutant', 'nope'], VARIANTS);
    expect(r.code).toBe(2);
    expect(r.text).toContain('Unknown mutant "nope". The mutants are:\n  first-broken\n  second-broken');
    expect(r.text).toContain('Usage: npm run mock');
  });

  it('sends --mutant and --list-mutants to the entry that knows the mutants, and refuses a bind address that is not an address', async () => {
    expect((await refused(['--list-mutants'])).text).toContain('npm run mock -- --mutant NAME');
    expect((await refused(['--bind-address', 'localhost'])).text).toContain('--bind-address takes an IPv4 or IPv6 address');
    expect((await refused(['--host', '127.0.0.1', '--bind-address', '127.0.0.2'])).text).toContain('same option');
  });

  it('serves a mutant that only a crash shows only with --data-dir', async () => {
    const durable: NamedVariant = { name: 'lost-on-crash', breaks: 'X-002', description: 'loses what it acknowledged', needs: ['crash'], handlers: () => [] };
    const r = await refused(['--mutant', 'lost-on-crash'], [durable]);
    expect(r.code).toBe(2);
    expect(r.text).toContain('The mutant lost-on-crash shows only across a crash: serve it with --data-dir DIR');
  });
});
