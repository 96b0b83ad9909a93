/**
 * Starts the load client (clientWorker.ts) in a worker thread. tsx's loader hooks are not in
 * place in a worker when it loads its first module, so the worker starts from a few lines of
 * JavaScript that register tsx and then import the TypeScript module.
 */
import { Worker } from 'node:worker_threads';
import { drive, type LoadOptions, type LoadResult } from './load.ts';

/** `worker` (default): the load client in its own thread. `inline`: on the server's thread. */
export const CLIENT_MODE = process.env.BENCH_CLIENT === 'inline' ? 'inline' : 'worker';

export interface LoadClient {
  run(o: LoadOptions): Promise<LoadResult>;
  close(): Promise<void>;
}

export function startLoadClient(): LoadClient {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./clientWorker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(code, { eval: true, execArgv: [] });
  let pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | null = null;
  worker.on('message', (m: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  });
  worker.on('error', (e) => {
    pending?.reject(e);
    pending = null;
  });
  worker.on('exit', (code) => {
    pending?.reject(new Error(`the load client exited (${code})`));
    pending = null;
  });
  return {
    run(o) {
      if (pending) return Promise.reject(new Error('one load run at a time'));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(o);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The same client on the caller's own thread: client and server then share one event loop. */
export function inlineLoadClient(): LoadClient {
  return { run: drive, close: async () => {} };
}
