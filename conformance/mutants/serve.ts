/**
 * `npm run mock -- [options]`: the mock's command line (mock/server/cli.ts) with the suite's
 * broken variants to pick from (`--mutant NAME`, `--list-mutants`). It lives here because the
 * mutants may import the mock and the mock never imports the suite (decisions/0013-layers.md).
 * The catalogue is loaded only when a mutant is asked for: it brings in msw, which the plain
 * mock does not load, and would be most of its start.
 */
import { fileURLToPath } from 'node:url';
import { launch } from '../../mock/server/launch.ts';

// With --data-dir, this module runs again as the supervised server (mock/server/supervisor.ts).
await launch(process.argv.slice(2), { variants: async () => (await import('./catalogue.ts')).MUTANTS, supervise: { entry: fileURLToPath(import.meta.url) } });
