import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the build is plain JavaScript (it runs before anything is compiled), without types.
import { build, DIST, ROOT, stale } from './build.mjs';

const BIN = join(ROOT, 'bin/re-cluster.mjs');
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** The first line the compiled mock writes on stdout once it listens, and then it is stopped. */
function listening(): Promise<string> {
  const child = spawn(process.execPath, [join(DIST, 'mock/server/main.js'), '--https-port', '0', '--http-port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('the compiled mock did not listen in 120 s'))), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{"listening"'));
      if (line) (clearTimeout(guard), child.kill('SIGTERM'), resolve(line));
    });
    child.on('exit', (code) => (clearTimeout(guard), reject(new Error(`the compiled mock exited ${code} before listening`))));
  });
}

describe('the build (decision 17)', () => {
  it('compiles every product source, no test, with the files the code reads beside it', async () => {
    await build();
    expect(stale()).toBe(false);
    const files = readdirSync(DIST, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.js'))).toEqual([]);
    for (const f of ['conformance/cli.js', 'mock/server/main.js', 'rladmin/main.js', 'spec/openapi.yaml', 'spec/requirements/ports.yaml', 'conformance/reproducerRuntime.ts']) {
      expect(existsSync(join(DIST, f)), f).toBe(true);
    }
    expect(files.some((f) => f.startsWith('scripts') || f.startsWith('bench') || f.startsWith('reliability'))).toBe(false);
  }, 240_000);

  it('runs the suite from dist/: the catalogue, the OpenAPI document and the reproducer runtime resolve there', async () => {
    const r = await run(['conformance', '--area', 'reads', '--runs', '2', '--max-commands', '5', '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PASSED/m);
    expect(r.stderr).not.toMatch(/Building dist/);
  }, 240_000);

  it('starts the mock from dist/', async () => {
    expect(JSON.parse(await listening())).toMatchObject({ listening: { https: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) } });
  }, 240_000);

  it('builds again before it runs when dist/ is missing or stale', async () => {
    rmSync(join(DIST, '.stamp.json'));
    expect(stale()).toBe(true);
    const r = await run(['rladmin', '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/Building dist\//);
    expect(stale()).toBe(false);
  }, 240_000);
});
