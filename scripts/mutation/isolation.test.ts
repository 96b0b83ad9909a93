import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { afterAll, describe, expect, it } from 'vitest';
import { PRISTINE, TEMP_DIR } from './paths.ts';

/**
 * The oracle is never mutated with the target (decisions/0016-mutation-testing.md): the judge
 * imports the suite from the pristine tree and the mock from Stryker's sandbox.
 */
describe('the oracle stays unmutated', () => {
  const sandbox = join(PRISTINE, TEMP_DIR, `isolation-${process.pid}`);
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  it('a mutant activated in the sandbox changes the sandbox copy of a rule, never the pristine one', async () => {
    // A sandbox as Stryker makes it: the domain copied, one file instrumented with every mutant.
    mkdirSync(sandbox, { recursive: true });
    cpSync(join(PRISTINE, 'domain'), join(sandbox, 'domain'), { recursive: true });
    const file = join(PRISTINE, 'domain', 'rules', 'ports.ts');
    const quiet = new Proxy({}, { get: (_, k) => (String(k).startsWith('is') ? () => false : () => undefined) });
    const { files, mutants } = await new Instrumenter(quiet as never).instrument([{ name: file, content: readFileSync(file, 'utf8'), mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] });
    writeFileSync(join(sandbox, 'domain', 'rules', 'ports.ts'), files[0]!.content);
    // The mutant that drops the upper bound of portOwner's reserved ranges: 40000 becomes reserved.
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('const reserved = SYSTEM_RESERVED.find'));
    const column = lines[line]!.indexOf('port <= r.to');
    const upper = mutants.find((m) => m.location.start.line === line && m.location.start.column === column && m.mutatorName === 'ConditionalExpression' && m.replacement === 'true');
    expect(upper, 'the upper-bound mutant of portOwner').toBeDefined();

    const mutated: typeof import('../../domain/rules/ports.ts') = await import(pathToFileURL(join(sandbox, 'domain', 'rules', 'ports.ts')).href);
    const pristine: typeof import('../../domain/rules/ports.ts') = await import(pathToFileURL(file).href);
    expect(mutated).not.toBe(pristine);
    const state = { config: { cmPort: 9443, cnmHttpPort: 8080, cnmHttpsPort: 9443 }, databases: {}, foreignPorts: [] } as never;
    const g = globalThis as { __stryker__?: { activeMutant?: string } };
    g.__stryker__ ??= {};
    try {
      expect([mutated.portOwner(state, 40_000), pristine.portOwner(state, 40_000)]).toEqual([null, null]);
      g.__stryker__.activeMutant = upper!.id;
      expect([mutated.portOwner(state, 40_000), pristine.portOwner(state, 40_000)]).toEqual(['reserved by the cluster (proxy traffic)', null]);
    } finally {
      delete g.__stryker__.activeMutant;
    }
  });

  it("the judge's own module graph holds the suite from the pristine tree and no module of the mock", async () => {
    // dependency-cruiser follows every import the judge can make, dynamic ones with a literal
    // specifier included; the mock is imported only by a path computed from the sandbox.
    const run = promisify(execFile)(join(PRISTINE, 'node_modules', '.bin', 'depcruise'), ['--no-config', '--ts-config', 'tsconfig.json', '--output-type', 'json', '--do-not-follow', 'node_modules', 'scripts/mutation/judge.ts'], { cwd: PRISTINE, maxBuffer: 64 << 20 });
    const { stdout } = await run;
    const modules: string[] = JSON.parse(stdout).modules.map((m: { source: string }) => m.source).filter((s: string) => !s.startsWith('node_modules/') && !s.startsWith('node:') && /\.ts$/.test(s));
    expect(modules).toEqual(expect.arrayContaining(['conformance/suite.ts', 'conformance/model.ts', 'machines/decide.ts', 'api/http.ts']));
    expect(modules.filter((m) => m.startsWith('mock/'))).toEqual([]);
    // Relative to the pristine root, each: nothing reached outside it (a sandbox, another tree).
    expect(modules.filter((m) => m.startsWith('..') || m.startsWith('/'))).toEqual([]);
  });
});
