import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellRunner } from './shell.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'hook-'));
const run = (command: string, env: Record<string, string> = {}, timeoutMs = 10_000, cwd = dir()) => shellRunner({ name: 't', command, cwd, env, timeoutMs });

describe('running a hook', () => {
  it('gives its exit code, stdout and stderr; it runs in the given directory', async () => {
    const cwd = dir();
    expect(await run('pwd; echo oops >&2; exit 3', {}, 10_000, cwd)).toEqual({ code: 3, stdout: `${cwd}\n`, stderr: 'oops\n', timedOut: false });
  });

  it('hands values over as environment variables that no shell parses', async () => {
    const cwd = dir();
    const nasty = `'; touch pwned; echo '$(touch pwned2) \`touch pwned3\` "quoted" $HOME\nline`;
    const r = await run('printf %s "$RE_VALUE" > got', { RE_VALUE: nasty }, 10_000, cwd);
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, 'got'), 'utf8')).toBe(nasty);
    expect(['pwned', 'pwned2', 'pwned3'].filter((f) => existsSync(join(cwd, f)))).toEqual([]);
  });

  it('kills the whole process group of a hook that does not finish in time', async () => {
    const cwd = dir();
    // The hook starts a child of its own that would write a file after the timeout.
    const r = await run('(sleep 3; touch survived) & echo started; sleep 30', {}, 300, cwd);
    expect(r).toMatchObject({ timedOut: true, stdout: 'started\n' });
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(existsSync(join(cwd, 'survived'))).toBe(false);
  });

  it('does not wait for ever on a hook that ignores SIGTERM', async () => {
    const r = await run("trap '' TERM; while :; do sleep 1; done", {}, 200);
    expect(r).toMatchObject({ timedOut: true, code: null });
  });
});
