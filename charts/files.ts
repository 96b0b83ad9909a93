import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDot } from './dot.ts';
import { CHARTED } from './machines.ts';
import { renderSvg } from './render.ts';
import { toStatelyConfig } from './stately.ts';

/** The chart of one machine as SVG. */
export const chartSvg = async (name: string): Promise<string> => renderSvg(toDot(CHARTED[name]!));

/** Every chart file, by file name: `<machine>.svg` and `<machine>.json` (Stately import). */
export async function chartFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [name, machine] of Object.entries(CHARTED)) {
    files.set(`${name}.svg`, await renderSvg(toDot(machine)));
    files.set(`${name}.json`, `${JSON.stringify(toStatelyConfig(machine), null, 2)}\n`);
  }
  return files;
}

/** Writes every chart file into `dir`; returns the paths written. */
export async function writeCharts(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, content] of await chartFiles()) {
    writeFileSync(join(dir, file), content);
    written.push(join(dir, file));
  }
  return written;
}
