/**
 * Renders rows as a plain-text table: a header line, then one line per row, columns padded to their
 * widest cell and separated by two spaces. Empty cells show as '-'.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
): string {
  const cells = [header, ...rows.map((row) => header.map((_name, index) => cellText(row[index])))];
  const widths = header.map((_name, index) => Math.max(...cells.map((row) => row[index].length)));
  return cells
    .map((row) =>
      row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]))).join('  '),
    )
    .join('\n');
}

function cellText(value: string | number | undefined): string {
  return value === undefined || value === '' ? '-' : String(value);
}

/** An ISO time without milliseconds, e.g. 2025-03-03T06:00:04Z; '-' when absent. */
export function formatTime(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}
