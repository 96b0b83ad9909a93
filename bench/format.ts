/** Measuring and printing helpers shared by the benchmarks. */
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** A full collection, where the run has `--expose-gc`; nothing otherwise. */
export const gc = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Milliseconds with the precision that matters at their size (`digits` below 10 ms). */
export const fmtMs = (ms: number, digits = 2): string => (ms >= 100 ? `${fmtInt(ms)} ms` : `${ms.toFixed(ms >= 10 ? 1 : digits)} ms`);
/** Seconds, two decimals: for runs of a second or more. */
export const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const fmtMB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
/** Kilobytes, one decimal below 10 KB. */
export const fmtKB = (bytes: number): string => (bytes >= 10_240 ? `${fmtInt(bytes / 1024)} KB` : `${(bytes / 1024).toFixed(1)} KB`);

/** The wall time of an asynchronous step, and what it returned. */
export async function timedAsync<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  return { ms: performance.now() - start, value };
}

/** Rows as an aligned table: the first column left-aligned, the others right-aligned. */
export const table = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')).join('\n');
};

/** Rows as a Markdown table: the first row is the header, the first column left-aligned. */
export const markdownTable = (rows: readonly (readonly string[])[]): string => {
  const [head, ...body] = rows;
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  return [line(head!), line(head!.map((_, i) => (i === 0 ? '---' : '---:'))), ...body.map(line)].join('\n');
};

/** The lines every benchmark opens with: the machine and the runtime its figures belong to. */
export const machine = (): string[] => {
  const cpus = os.cpus();
  return [
    `  machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${fmtMB(os.totalmem())} RAM, ${os.platform()} ${os.release()}`,
    `  node ${process.version}, gc exposed: ${typeof (globalThis as { gc?: unknown }).gc === 'function'}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}`,
  ];
};
