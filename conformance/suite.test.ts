import { describe, expect, it } from 'vitest';
import { MUTANTS } from './mutants/catalogue.ts';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';

describe('the conformance suite', () => {
  it('passes the unbroken mock across 50 seeds', { timeout: 120_000 }, async () => {
    const target = inProcessTarget();
    try {
      for (let seed = 1; seed <= 50; seed++) {
        // The certificate rechecks make keys on the mock: the first seeds read them, the rest do not.
        const r = await runSuite(target, { areas: ['mixed'], seed, runs: 2, maxCommands: 20, graphSeeds: false, recheckSequences: seed <= 3 ? 1 : 0 });
        expect(r.failure?.error, `seed ${seed}: ${r.failure?.counterexample.join(' → ')}`).toBeUndefined();
        expect(r.outcome).toBe('passed');
      }
    } finally {
      await target.close();
    }
  });

  it('adopts a target without the control protocol, and reports what a reset would add as not run', async () => {
    const inProcess = inProcessTarget();
    const { control: _dropped, ...bare } = inProcess;
    try {
      const r = await runSuite(bare, { areas: ['databases', 'node-certificates'], seed: 5, runs: 5, maxCommands: 8, graphSeeds: false });
      expect(r).toMatchObject({ outcome: 'passed', mode: 'adopt', adoption: { unrestored: [] } });
      expect(r.areas.map((a) => [a.name, a.outcome])).toEqual([['node-certificates', 'not-run'], ['databases', 'passed']]);
      expect(r.areas[0]!.notRun).toBe('needs reset');
      // Every database the run created is gone again.
      expect(Object.keys(inProcess.cluster.state.databases)).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe('areas and reports', () => {
  // The certificates area opens with the certificate machine's transition pairs (transitionPairs.ts): longer than the default timeout on a busy machine.
  it('runs only the selected areas and reports each with the requirements it checks', async () => {
    const target = inProcessTarget();
    const r = await runSuite(target, { areas: ['certificates'], seed: 3, runs: 3 });
    await target.close();
    expect(r.areas.map((a) => a.name)).toEqual(['certificates']);
    expect(r.areas[0]!.reqs).toEqual(expect.arrayContaining(['CERT-ROT-001', 'CERT-ALR-001']));
    expect(r.outcome).toBe('passed');
  }, 180_000);

  it('writes JUnit XML with one test case per requirement each area checks, classname the area, the failure naming its step', async () => {
    const { junitReport } = await import('./report/junit.ts');
    const target = inProcessTarget({ mutant: MUTANTS.find((m) => m.name === 'rotation-with-a-node-down')! });
    const r = await runSuite(target, { areas: ['certificates', 'ports'], seed: 5, runs: 10 });
    await target.close();
    const xml = junitReport(r, 'mutant');
    const cases = (area: string) => xml.match(new RegExp(`<testcase classname="${area}" `, 'g'))?.length ?? 0;
    expect(xml).toMatch(new RegExp(`<testsuite name="certificates" tests="${cases('certificates')}" failures="1"`));
    expect(xml).toMatch(new RegExp(`<testsuite name="ports" tests="${cases('ports')}" failures="0"`));
    // Every requirement the area could check, and any other its steps exercised.
    expect(cases('certificates')).toBe(new Set([...r.areas[0]!.reqs, ...Object.keys(r.areas[0]!.exercised!)]).size);
    // The broken requirement fails, and its message names the step that failed (the rotation refused).
    expect(xml).toMatch(/<testcase classname="certificates" name="CERT-ROT-004: [^"]+">\s*<failure message="[^"]*RotateCertificates[^"]*expected 400 not_all_nodes_updated[^"]*">/);
    // One a step exercised passes, with the count; one no step exercised is skipped with why.
    expect(xml).toMatch(/<testcase classname="ports" name="PORT-DB-001: [^"]+"><system-out>exercised by [1-9]\d* steps?<\/system-out><\/testcase>/);
    expect(xml).toMatch(/<testcase classname="ports" name="CERT-ALR-001: [^"]+"><skipped message="not exercised: [^"]+"\/><\/testcase>/);
  }, 180_000);
});

describe('coverage of the machines on the target', () => {
  it('takes every transition not out of reach in a default run, opening with the graph seeds', async () => {
    const target = inProcessTarget();
    const r = await runSuite(target, { areas: ['mixed'], seed: 1, runs: 1 });
    await target.close();
    expect(r.outcome).toBe('passed');
    for (const c of r.coverage) {
      expect(c.transitions.missing, c.machine).toEqual([]);
      expect(c.states.missing, c.machine).toEqual([]);
    }
  });

  it('counts only what the target was seen to do: a transition it never answered as predicted stays untaken', async () => {
    // This variant answers 200 to every internal address change on an active node, so the
    // refusal the machines predict there is never seen, however often it is tried.
    const target = inProcessTarget({ mutant: MUTANTS.find((m) => m.name === 'addr-change-on-active-node')! });
    const r = await runSuite(target, { areas: ['addressing'], seed: 2, runs: 10 });
    await target.close();
    expect(r.outcome).toBe('failed');
    const node = r.coverage.find((c) => c.machine === 'node')!;
    expect(node.transitions.missing).toContain('node.active --SetNodeAddress--> (self)');
    // What it did answer as predicted before that still counts.
    expect(r.coverage.reduce((n, c) => n + c.transitions.taken, 0)).toBeGreaterThan(0);
  });
});

describe('a target that lacks a capability', () => {
  it('never generates the commands that need it, and names them and their requirements instead of passing them', async () => {
    const full = inProcessTarget();
    // The same mock, saying it cannot move its clock.
    const target = {
      ...full,
      control: async (method: string, path: string, body?: unknown) => {
        const answer = await full.control!(method, path, body);
        return path === '/capabilities' ? { ...answer, body: { ...answer.body, capabilities: answer.body.capabilities.filter((c: string) => c !== 'clock') } } : answer;
      },
    };
    const r = await runSuite(target, { areas: ['certificates'], seed: 4, runs: 3 });
    await full.close();
    const area = r.areas[0]!;
    expect(area.outcome).toBe('passed');
    expect(area.withheld).toEqual([expect.objectContaining({ command: 'AdvanceClock', needs: ['clock'] }), expect.objectContaining({ command: 'ClockToEdge', needs: ['clock'] })]);
    // CERT-EXP-001 is checked only by moving the clock: not claimed.
    expect(area.reqs).not.toContain('CERT-EXP-001');
  });
});

describe('requirements exercised', () => {
  it('counts a requirement only where steps exercised it: one whose input is never sent is not exercised, never passed', async () => {
    const { textReport } = await import('./report/text.ts');
    const target = inProcessTarget();
    // The databases area never changes http_support nor moves the clock.
    const r = await runSuite(target, { areas: ['databases'], seed: 3, runs: 5, maxCommands: 10 });
    await target.close();
    expect(r.outcome).toBe('passed');
    const by = Object.fromEntries(r.requirements!.map((q) => [q.id, q]));
    expect(by['DB-LIFE-001']).toMatchObject({ outcome: 'passed', steps: expect.any(Number) });
    expect(by['DB-LIFE-001']!.steps).toBeGreaterThan(0);
    for (const id of ['PORT-HTTP-003', 'CERT-ALR-001']) expect(by[id], id).toMatchObject({ outcome: 'not-exercised', steps: 0 });
    expect(r.areas[0]!.exercised!['PORT-HTTP-003']).toBe(0);
    const text = textReport(r, 'mock', 1);
    expect(text).toMatch(/not exercised {2}.*PORT-HTTP-003/);
    expect(text).not.toMatch(/passed {9}.*PORT-HTTP-003/);
  });
});
