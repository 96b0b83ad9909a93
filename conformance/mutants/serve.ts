/**
 * `npm run mock -- [options]`: the mock's command line (mock/server/cli.ts) with the suite's
 * broken variants to pick from (`--mutant NAME`, `--list-mutants`). It lives here because the
 * mutants may import the mock and the mock never imports the suite (decisions/0013-layers.md).
 */
import { main } from '../../mock/server/cli.ts';
import { MUTANTS } from './catalogue.ts';

await main(process.argv.slice(2), { variants: MUTANTS });
