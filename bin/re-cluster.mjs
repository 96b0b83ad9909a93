#!/usr/bin/env node
// The package's command: `re-cluster <command> [options]`. It runs the compiled JavaScript in
// dist/, built first when dist/ is missing or older than the sources (decisions/0017-a-build-step.md).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ensureBuilt } from './build.mjs';

const [command, ...rest] = process.argv.slice(2);
const commands = { conformance: 'conformance/cli.js', mock: 'conformance/mutants/serve.js', rladmin: 'rladmin/main.js' };
if (!Object.hasOwn(commands, command ?? '')) {
  process.stderr.write(
    'Usage: re-cluster <command> [options]\n\nCommands:\n' +
      '  conformance  check a cluster API against the specification (re-cluster conformance --help)\n' +
      '  mock         start a mock Redis Enterprise cluster (re-cluster mock --help)\n' +
      "  rladmin      run the documents' rladmin commands against a cluster (re-cluster rladmin --help)\n",
  );
  process.exit(2);
}
await ensureBuilt();
process.argv = [process.argv[0], process.argv[1], ...rest];
await import(pathToFileURL(join(DIST, commands[command])).href);
