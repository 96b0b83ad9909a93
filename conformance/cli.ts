/** `npm run conformance -- [options]`: see conformance/cli/main.ts and `--help`. */
import { main } from './cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
