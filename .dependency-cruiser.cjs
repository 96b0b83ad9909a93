// The project's floors, enforced (decisions/0013-layers.md). Code imports downward only:
//
//   domain/                         state, commands, events, upcasting, refusals, evolve, rules
//   machines/                       the machines, and deciding through them
//   core/                           decideAll, aggregate, replay, stores, invariants, pending work
//   api/  spec/                     the REST API's client side; the specification's documents
//   inspect/  charts/               seeing the machines
//   mock/  conformance/  rladmin/   the products, side by side
//   reliability/  scripts/  bench/  tools over everything
//
// Each folder lists what it may import; anything else is an error. The suite may use the mock
// only where it runs it (its in-process target, its mutants) and in its tests.
const floors = {
  domain: [],
  machines: ['domain'],
  core: ['domain', 'machines'],
  api: ['domain'],
  spec: ['domain', 'machines'],
  inspect: ['domain', 'machines', 'core'],
  charts: ['domain', 'machines'],
  mock: ['domain', 'machines', 'core', 'api', 'spec', 'inspect', 'charts'],
  conformance: ['domain', 'machines', 'core', 'api', 'spec', 'inspect'],
  rladmin: ['domain', 'machines', 'core', 'api'],
};
const TOOLS = ['reliability', 'scripts', 'bench'];
const own = (names) => `^(${names.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A file may not reach itself through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'tools-on-top',
      comment: 'Nothing builds on the tools over the project.',
      severity: 'error',
      from: { pathNot: own(TOOLS) },
      to: { path: own(TOOLS) },
    },
  ],
  allowed: [
    { from: {}, to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] } },
    ...Object.entries(floors).map(([floor, below]) => ({ from: { path: `^${floor}/` }, to: { path: own([floor, ...below]) } })),
    // The suite runs the mock as its in-process target and bends it into mutants; its tests serve it.
    { from: { path: '^conformance/(target|mutants)/' }, to: { path: '^mock/' } },
    { from: { path: '^(conformance|rladmin)/.*\\.test\\.ts$' }, to: { path: '^mock/' } },
    // rladmin's tests drive it through the suite's in-process target.
    { from: { path: '^rladmin/.*\\.test\\.ts$' }, to: { path: '^conformance/target/' } },
    { from: { path: own(TOOLS) }, to: {} },
    { from: { path: '^vitest\\.config\\.ts$' }, to: {} },
  ],
  allowedSeverity: 'error',
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.ci|\\.stryker-tmp|reports|docs|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.json'], conditionNames: ['import', 'node', 'default'], exportsFields: ['exports'] },
  },
};
