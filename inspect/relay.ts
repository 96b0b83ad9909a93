/**
 * `npm run inspector -- [--port n]`: a local relay for the Stately inspector. Processes started
 * with `--inspect` stream to it; open the printed page in a browser (the inspector UI itself is
 * stately.ai's web app, so the browser needs internet; the stream stays on this machine).
 */
import { createInspectorServer } from '@statelyai/inspect/server';
import { parseArgs } from 'node:util';
import { DEFAULT_INSPECT_URL } from './option.ts';

const { values } = parseArgs({ options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
if (values.help) {
  process.stdout.write('Usage: npm run inspector -- [--port <n>]   (default port 4242)\n');
} else {
  const port = Number(values.port ?? new URL(DEFAULT_INSPECT_URL).port);
  createInspectorServer({ port, autoOpen: false });
  process.stdout.write(
    [
      `Inspector relay on port ${port}.`,
      `  1. open http://localhost:${port} in a browser (it shows the Stately inspector)`,
      `  2. npm run mock -- --inspect${port === 4242 ? '' : ` ws://127.0.0.1:${port}`}`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}
