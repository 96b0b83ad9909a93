/**
 * The load client, in its own thread: the server under test has the main thread's event loop
 * to itself, as it would in its own process. Each message is a LoadOptions; each answer is the
 * LoadResult (latencies transferred, not copied).
 */
import { parentPort } from 'node:worker_threads';
import { drive, type LoadOptions } from './load.ts';

const port = parentPort;
if (!port) throw new Error('clientWorker.ts runs as a worker thread');

port.on('message', (o: LoadOptions) => {
  void drive(o).then(
    (result) => port.postMessage({ ok: true, result }, [result.latenciesMs.buffer as ArrayBuffer, result.kinds.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ ok: false, error: String(error) }),
  );
});
