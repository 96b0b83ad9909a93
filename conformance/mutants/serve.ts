/**
 * `npm run mock -- [options]`: the mock's command line (mock/server/cli.ts) with the suite's
 * broken variants to pick from (`--mutant NAME`, `--list-mutants`). It lives here because the
 * mutants may import the mock and the mock never imports the suite (decisions/0013-layers.md).
 */
import { fileURLToPath } from 'node:url';
import { main } from '../../mock/server/cli.ts';
import { MUTANTS } from './catalogue.ts';

// With --data-dir, this module runs again as the supervised server (mock/server/supervisor.ts).
await main(process.argv.slice(2), { variants: MUTANTS, supervise: { entry: fileURLToPath(import.meta.url) } });
