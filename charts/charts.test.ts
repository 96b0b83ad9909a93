import { readFileSync } from 'node:fs';
import { createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { allTransitions } from '../machines/introspect.ts';
import { chartFiles, CHARTED, svgIdOf, toDot, toStatelyConfig } from './index.ts';

const committed = (file: string) => readFileSync(new URL(`../docs/charts/${file}`, import.meta.url), 'utf8');

describe('charts', () => {
  it('docs/charts holds what `npm run charts` writes now (run it after changing a machine)', async () => {
    const files = await chartFiles();
    expect([...files.keys()].sort()).toEqual(Object.keys(CHARTED).flatMap((n) => [`${n}.json`, `${n}.svg`]).sort());
    for (const [file, content] of files) expect(committed(file), `docs/charts/${file} is stale: npm run charts`).toBe(content);
  });

  it('renders the same SVG twice', async () => {
    const [a, b] = [await chartFiles(), await chartFiles()];
    expect(a.get('cluster.svg')).toBe(b.get('cluster.svg'));
  });

  it('draws every state, with an id a page can find it by', async () => {
    const svg = (await chartFiles()).get('node.svg')!;
    for (const state of ['active', 'down', 'decommissioning', 'removed']) expect(svg).toContain(`id="${svgIdOf(`node.${state}`)}"`);
    const cluster = (await chartFiles()).get('cluster.svg')!;
    for (const state of ['uninitialized', 'running']) expect(cluster).toContain(`id="${svgIdOf(`cluster.${state}`)}"`);
  });

  it('labels a move with the request that causes it, its condition and its requirement IDs, and leaves refusals out', () => {
    const dot = toDot(CHARTED.node!);
    expect(dot).toContain('"node.down" -> "node.active" [label="POST /control/v1/nodes/{uid}/power state=up\\l    if its internal address is bound on its host · NODE-LIFE-005\\l"]');
    expect(dot).toContain('"node.active" -> "node.down" [label="POST /control/v1/nodes/{uid}/power state=down\\l    NODE-LIFE-001\\l"]');
    expect(dot).not.toContain('addrMalformed');
  });

  it.each(Object.keys(CHARTED))('names no internal command or event on the %s chart: every edge is a request or the cluster\'s own work', (name) => {
    const dot = toDot(CHARTED[name]!);
    const events = new Set(allTransitions(CHARTED[name]!).map((t) => t.eventType).filter((e) => /^\w+$/.test(e)));
    for (const event of events) expect(dot, event).not.toMatch(new RegExp(`\\b${event}\\b`));
  });

  it('draws what the running cluster records without moving as one note per request family, each request once', () => {
    const dot = toDot(CHARTED.cluster!);
    const notes = dot.split('\n').filter((l) => l.includes('"cluster.running#stays#'));
    expect(notes.filter((l) => l.includes('shape=note')).map((l) => /#stays#([^"]+)"/.exec(l)![1]).sort()).toEqual(
      ["a host's bootstrap API", 'cluster settings and certificates', 'databases', 'nodes', "test control (the operator, on a real cluster)", "the cluster's own work"],
    );
    for (const request of ['PUT /v1/nodes/{uid} addr', 'POST /v1/bdbs', 'PUT /v1/cluster/policy data_internode_encryption', 'POST /control/v1/clock']) {
      expect(dot.split(request).length - 1, request).toBe(1);
    }
    expect(dot).not.toContain('"cluster.running" -> "cluster.running"');
  });

  it.each(Object.keys(CHARTED))('exports %s as a config that builds the same machine', (name) => {
    const machine = CHARTED[name]!;
    const config = JSON.parse(JSON.stringify(toStatelyConfig(machine)));
    const rebuilt = createMachine(config);
    const shape = (m: typeof machine) =>
      allTransitions(m).map((t) => [t.source.id, t.eventType, t.guard ? String((t.guard as { type?: string }).type ?? t.guard) : '', t.target?.map((s: { id: string }) => s.id).join(',') ?? '']);
    expect(shape(rebuilt)).toEqual(shape(machine));
    expect(rebuilt.root.initial?.target?.[0]?.id).toBe(machine.root.initial?.target?.[0]?.id);
  });
});
