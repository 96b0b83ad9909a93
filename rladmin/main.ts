/**
 * `re-cluster rladmin …` / `npm run rladmin -- …`: the edge. Everything else returns data.
 */
import { runCli } from './cli.ts';

const outcome = await runCli(process.argv.slice(2));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
