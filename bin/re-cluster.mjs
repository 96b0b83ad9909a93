#!/usr/bin/env node
// The package's command: `re-cluster <command> [options]`. The sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const [command, ...rest] = process.argv.slice(2);
const commands = { conformance: '../conformance/cli.ts', mock: '../conformance/mutants/serve.ts', rladmin: '../rladmin/main.ts' };
if (!Object.hasOwn(commands, command ?? '')) {
  process.stderr.write(
    'Usage: re-cluster <command> [options]\n\nCommands:\n' +
      '  conformance  check a cluster API against the specification (re-cluster conformance --help)\n' +
      '  mock         start a mock Redis Enterprise cluster (re-cluster mock --help)\n' +
      "  rladmin      run the documents' rladmin commands against a cluster (re-cluster rladmin --help)\n",
  );
  process.exit(2);
}
process.argv = [process.argv[0], process.argv[1], ...rest];
await import(new URL(commands[command], import.meta.url).href);
