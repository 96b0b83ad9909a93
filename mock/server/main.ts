/**
 * The mock alone, as its own process: `tsx mock/server/main.ts [options]` (the reliability checks
 * run it so). `npm run mock` runs `conformance/mutants/serve.ts`, the same command line with the
 * suite's broken variants to pick from.
 */
import { launch } from './launch.ts';

await launch(process.argv.slice(2));
