#!/usr/bin/env node
// The build (decisions/0017-a-build-step.md): the product folders' TypeScript, file by file, to
// JavaScript in dist/, in the same layout, with every other file beside it, so a path the code
// reads relative to itself (spec/*.yaml, the reproducer's runtime) resolves the same from dist/.
// `node bin/build.mjs` builds; `node bin/build.mjs --check` exits 1 when dist/ is stale.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** What the package's commands run: every floor up to the products (not the tools: scripts, bench, reliability). */
const FOLDERS = ['domain', 'machines', 'core', 'api', 'spec', 'inspect', 'charts', 'mock', 'conformance', 'rladmin'];
const STAMP = join(DIST, '.stamp.json');
const isTest = (file) => /\.test\.ts$/.test(file);

/** Every file of the product folders the build reads, tests left out, with this script itself. */
function sources() {
  const files = [fileURLToPath(import.meta.url), join(ROOT, 'package.json'), join(ROOT, 'tsconfig.json')];
  for (const folder of FOLDERS) {
    for (const entry of readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && !isTest(entry.name)) files.push(join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return files;
}

/** What dist/ was built from: a deleted, added or edited source changes it. */
function fingerprint(files) {
  let newest = 0;
  for (const f of files) newest = Math.max(newest, statSync(f).mtimeMs);
  return { files: files.length, newest };
}

/** Whether dist/ is missing or older than its sources (a stat of each: milliseconds). */
export function stale() {
  if (!existsSync(STAMP)) return true;
  try {
    const was = JSON.parse(readFileSync(STAMP, 'utf8'));
    const now = fingerprint(sources());
    return was.files !== now.files || was.newest !== now.newest;
  } catch {
    return true;
  }
}

/**
 * Builds into a directory of its own and swaps it in, so a run that starts meanwhile never sees
 * half a build, and two builds at once do not write into each other.
 */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const files = sources();
  const stamp = fingerprint(files);
  const out = `${DIST}.${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  const entryPoints = files.filter((f) => f.endsWith('.ts') && FOLDERS.some((d) => f.startsWith(join(ROOT, d))));
  await esbuild({
    entryPoints,
    outdir: out,
    outbase: ROOT,
    // Bundling only to rewrite imports: every import stays an import (packages and our own files
    // alike), `./x.ts` becoming `./x.js`, as tsc's rewriteRelativeImportExtensions does.
    bundle: true,
    packages: 'external',
    plugins: [
      {
        name: 'own-files-stay-imports',
        setup(b) {
          b.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
        },
      },
    ],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  // Everything else the code may read beside itself (YAML, JSON, Markdown, a .ts read as text).
  for (const f of files.filter((f) => FOLDERS.some((d) => f.startsWith(join(ROOT, d))))) {
    const to = join(out, relative(ROOT, f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(out, '.stamp.json'), `${JSON.stringify(stamp)}\n`);
  const old = `${DIST}.old.${process.pid}`;
  try {
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(out, DIST);
  } catch (e) {
    // Another build swapped its own in first: the same sources, so either will do.
    if (!existsSync(DIST)) throw e;
    rmSync(out, { recursive: true, force: true });
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

/** Builds when dist/ is stale: the package's command calls this before it runs anything. */
export async function ensureBuilt() {
  if (!stale()) return;
  process.stderr.write('Building dist/ (the sources changed since the last build)…\n');
  await build();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) process.exit(stale() ? 1 : 0);
  const started = Date.now();
  await build();
  process.stderr.write(`Built dist/ in ${Date.now() - started} ms\n`);
}
