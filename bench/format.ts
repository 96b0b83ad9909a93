/** Measuring and printing helpers shared by the benchmarks. */

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
export const fmtMB = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Rows as an aligned table: the first column left-aligned, the others right-aligned. */
export const table = (rows: readonly (readonly string[])[]): string => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')).join('\n');
};
