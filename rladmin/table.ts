/**
 * A titled table in `rladmin status`'s layout: a `TITLE:` line, then left-aligned columns
 * separated by one space, with no trailing blanks.
 */
export function table(title: string, header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join(' ')
      .trimEnd();
  return [`${title}:`, line(header), ...rows.map(line)];
}
