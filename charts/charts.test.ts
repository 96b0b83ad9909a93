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

  it('labels a move with its event and guard, and leaves refusals out', () => {
    const dot = toDot(CHARTED.node!);
    expect(dot).toMatch(/"node\.down" -> "node\.active" \[label="PowerOnNode \[addrBound\]"\]/);
    expect(dot).toMatch(/"node\.active" -> "node\.down" \[label="PowerOffNode"\]/);
    expect(dot).not.toContain('addrMalformed');
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
