import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import { cli } from './testIo.ts';

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const small = ['--runs', '2', '--max-commands', '6', '--seed', '1'];
const dir = () => mkdtempSync(join(tmpdir(), 'conformance-cli-'));
const testcases = (xml: string) => [...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({ area: m[1]!, name: m[2]!, body: m[4] ?? '' }));

describe('a run: its exit code, and what goes to stdout and stderr', () => {
  it('writes --report json to stdout without --out, parseable, the summary then on stderr; exit 0', { timeout: 300_000 }, async () => {
    const r = await cli(...small, '--area', 'databases', '--report', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      tool: { name: PACKAGE.name, version: PACKAGE.version },
      target: 'the built-in mock cluster (in-process)',
      profile: 'model',
      seed: 1,
      options: { areas: ['databases'], runs: 2, maxCommands: 6, failFast: false },
      capabilities: expect.arrayContaining(['reset', 'power', 'clock']),
      outcome: 'passed',
    });
    expect(new Date(report.started).toISOString()).toBe(report.started);
    expect(Date.parse(report.ended)).toBeGreaterThanOrEqual(Date.parse(report.started));
    expect(report.areas.map((a: { name: string }) => a.name)).toEqual(['databases']);
    // Each requirement: its status, the steps that exercised it, its title, the areas that check it.
    const db = report.requirements.find((q: { id: string }) => q.id === 'DB-LIFE-001');
    expect(db).toMatchObject({ status: 'passed', areas: ['databases'], title: expect.stringMatching(/\w/) });
    expect(db.steps).toBeGreaterThan(0);
    expect(report.requirements.find((q: { id: string }) => q.id === 'PORT-HTTP-003')).toMatchObject({ status: 'not exercised', steps: 0 });
    expect(report.areas[0].requirements.find((q: { id: string }) => q.id === 'DB-LIFE-001')).toMatchObject({ status: 'passed', steps: db.steps });
    // The person's summary went to stderr, whole.
    expect(r.stderr).toMatch(/^Target: the built-in mock cluster/m);
    expect(r.stderr).toContain('PASSED: the target answered every step');

    // A one-area run's coverage is short, and tells what this selection cannot reach from what it did not take.
    const coverage = r.stderr.slice(r.stderr.indexOf('Machine coverage')).split('\n\n')[0]!.split('\n');
    expect(coverage.length).toBeLessThanOrEqual(13);
    expect(coverage.join('\n')).toMatch(/not reachable in this selection/);
    expect(coverage.join('\n')).toMatch(/node +none of its transitions is reachable in this selection/);
    expect(coverage.join('\n')).not.toMatch(/--(SetNodeAddress|PowerOffNode|ClockAdvanced)/);
  });

  it('keeps the summary on stdout when --out takes the report', { timeout: 300_000 }, async () => {
    const out = join(dir(), 'r.json');
    const r = await cli(...small, '--area', 'ports', '--report', 'json', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('PASSED: the target answered every step');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ outcome: 'passed', seed: 1, areas: [{ name: 'ports' }] });
  });

  it('runs a broken variant with --mutant: exit 1, the reproducers written, the JUnit failure naming the step that failed', { timeout: 300_000 }, async () => {
    const d = dir();
    const r = await cli('--mutant', 'encrypted-by-default', '--area', 'databases', '--runs', '30', '--max-commands', '6', '--seed', '6', '--reproducer', join(d, 'x'), '--report', 'junit', '--out', join(d, 'j.xml'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Target: the mock with mutant encrypted-by-default$/m);
    expect(r.stdout).toContain('FAILED: the target does not conform.');
    for (const f of ['x.sh', 'x.ts', 'x.json']) expect(existsSync(join(d, f)), f).toBe(true);
    // The reproducer's result is the JSON report: --replay reads it.
    expect(JSON.parse(readFileSync(join(d, 'x.json'), 'utf8'))).toMatchObject({ outcome: 'failed', options: { mutant: 'encrypted-by-default' }, areas: [{ name: 'databases', failure: { reqs: ['ENC-DATA-001'] } }] });
    const failed = testcases(readFileSync(join(d, 'j.xml'), 'utf8')).filter((c) => c.body.includes('<failure'));
    expect(failed.map((c) => [c.area, c.name.split(':')[0]])).toEqual([['databases', 'ENC-DATA-001']]);
    // The failure replays exactly, on the same broken variant, from its file alone.
    const again = await cli('--replay', join(d, 'x.json'), '--reproducer', join(d, 'y'));
    expect(again.code, again.stderr).toBe(1);
    expect(again.stdout).toMatch(/^Target: the mock with mutant encrypted-by-default$/m);
    expect(again.stdout).toMatch(/^Shortest sequence found:\n {2}1\. CreateDatabase\(/m);
    // Another length would draw other sequences under the same path: refused, not run.
    const other = await cli('--replay', join(d, 'x.json'), '--max-commands', '9');
    expect([other.code, other.stderr.trim()]).toEqual([2, "--replay runs with the saved run's --max-commands (6): leave it out (see --help)"]);
    expect(failed[0]!.body).toMatch(/<failure message="GET \/v1\/bdbs after CreateDatabase\([^"]*\): database \d+ data_internode_encryption: GET \/v1\/bdbs: expected false, actual true">/);
  });

  it('writes JUnit with a test case per requirement of every area on a short default-like run (at least 40 passing)', { timeout: 600_000 }, async () => {
    const r = await cli('--runs', '2', '--max-commands', '6', '--seed', '7', '--report', 'junit');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    const cases = testcases(r.stdout);
    expect(new Set(cases.map((c) => c.area))).toEqual(new Set([...CHECKS, ...AREAS].map((a) => a.name)));
    expect(cases.filter((c) => c.body.startsWith('<system-out>exercised by')).length).toBeGreaterThanOrEqual(40);
    // A check the in-process mock cannot run is skipped, saying what it needs; never passed.
    for (const c of cases.filter((c) => c.area === 'internode-tls')) expect(c.body).toMatch(/^<skipped message="not run: needs internode-tls"\/>$/);
    const [, total, failures, skipped] = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" skipped="(\d+)"/.exec(r.stdout)!;
    expect(Number(total)).toBe(cases.length);
    expect(Number(failures)).toBe(0);
    expect(Number(skipped)).toBe(cases.filter((c) => c.body.startsWith('<skipped')).length);
  });
});

describe('--clients: the concurrent area runs once, and only when selected', () => {
  const ranAreas = (stderr: string) => [...stderr.matchAll(/^\s+passed\s+(\S+)/gm)].map((m) => m[1]);

  it('runs it once beside other areas on two workers, and not when --area leaves it out', { timeout: 300_000 }, async () => {
    const both = await cli(...small, '--clients', '2', '--workers', '2', '--area', 'concurrent,reads');
    expect(both.code, both.stderr).toBe(0);
    expect(ranAreas(both.stderr).sort()).toEqual(['concurrent', 'reads']);
    for (const workers of ['1', '2']) {
      const without = await cli(...small, '--clients', '2', '--workers', workers, '--area', 'reads,databases');
      expect(without.code, without.stderr).toBe(0);
      expect(ranAreas(without.stderr).sort()).toEqual(['databases', 'reads']);
    }
  });
});
