/**
 * `npm run charts`: renders every machine to docs/charts/<machine>.svg, and exports it as the
 * JSON config Stately's tools import (docs/charts/<machine>.json). Offline: Graphviz runs as
 * WebAssembly in this process.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCharts } from '../charts/index.ts';

const dir = fileURLToPath(new URL('../docs/charts', import.meta.url));
for (const file of await writeCharts(dir)) process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
