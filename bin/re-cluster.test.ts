import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = new URL('./re-cluster.mjs', import.meta.url).pathname;

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('the package command', () => {
  it('names its three commands when given none or an unknown one, exit 2', async () => {
    for (const args of [[], ['frob']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.match(/^ {2}(\w+) /gm)?.map((s) => s.trim())).toEqual(['conformance', 'mock', 'rladmin']);
    }
  });

  it('runs the conformance suite, the main job', async () => {
    const r = await run(['conformance', '--help']);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: .*conformance/) });
    expect(r.stdout).toMatch(/--target <url>/);
  });
});
