import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const FOLDERS = ['domain', 'machines', 'core', 'api', 'spec', 'inspect', 'charts', 'mock', 'conformance', 'rladmin', 'reliability', 'scripts', 'bench'];

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Runs dependency-cruiser with the project's rules over `folders` of `cwd`; its violations. */
async function violations(cwd: string, folders: readonly string[]): Promise<Violation[]> {
  const run = promisify(execFile)(DEPCRUISE, ['--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...folders], { cwd, maxBuffer: 64 << 20 });
  // Violations make the command exit non-zero; the report is on stdout either way.
  const { stdout } = await run.catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  return JSON.parse(stdout).summary.violations;
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the floors (decisions/0013-layers.md)', () => {
  it('no file imports upward or through a cycle', async () => {
    const found = await violations(ROOT, FOLDERS);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('the rules catch an upward import, a cycle, the suite reaching into the mock and code built on a tool', async () => {
    const dir = tree({
      'domain/state.ts': "import { m } from '../machines/m.ts';\nexport const s = m;\n",
      'machines/m.ts': 'export const m = 1;\n',
      'core/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'core/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'mock/views.ts': 'export const v = 1;\n',
      'conformance/observe.ts': "import { v } from '../mock/views.ts';\nexport const o = v;\n",
      'conformance/target/inProcess.ts': "import { v } from '../../mock/views.ts';\nexport const t = v;\n",
      'bench/tool.ts': 'export const t = 1;\n',
      'mock/uses.ts': "import { t } from '../bench/tool.ts';\nexport const u = t;\n",
    });
    const found = (await violations(dir, ['domain', 'machines', 'core', 'mock', 'conformance', 'bench'])).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'not-in-allowed: domain/state.ts → machines/m.ts',
        'no-cycle: core/a.ts → core/b.ts',
        'not-in-allowed: conformance/observe.ts → mock/views.ts',
        'tools-on-top: mock/uses.ts → bench/tool.ts',
      ]),
    );
    // The suite's in-process target may run the mock.
    expect(found.filter((f) => f.includes('conformance/target/'))).toEqual([]);
  });
});

describe('the size of a file', () => {
  it('no source file is over 400 lines: one concept per file', () => {
    const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const long = sources.map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });
});
