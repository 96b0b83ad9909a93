/**
 * What the mock's entries run (`mock/server/main.ts`, `conformance/mutants/serve.ts`): the API's
 * key is started first, then the rest of the mock is loaded. RSA key generation runs on libuv's
 * threads, so the key is made while this thread loads the modules (a third of the start), not
 * after; a start that only prints (`--help`, `--list-mutants`) asks for none.
 */
import { keyPool } from '../pki/keyPool.ts';
import type { CliOptions } from './cli.ts';

export async function launch(argv: string[], cli: CliOptions = {}): Promise<void> {
  if (!argv.some((a) => a === '-h' || a === '--help' || a === '--list-mutants')) keyPool.warm(1);
  const { main } = await import('./cli.ts');
  await main(argv, cli);
}
