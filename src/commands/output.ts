// Printing what a command answers: a line, JSON, a plain text table.

/** Writes a line (adding the newline when missing) to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** A value as the JSON a command prints (indented, with the final newline). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function printJson(value: unknown): void {
  out(jsonText(value));
}

/** A plain text table: columns padded to the widest cell (built in one pass: lists run to ten thousand rows). */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) {
      const n = (r[i] ?? '').length;
      if (n > widths[i]!) widths[i] = n;
    }
  }
  const line = (cells: string[]) => {
    const last = cells.length - 1;
    let s = '';
    for (let i = 0; i <= last; i++) {
      if (i > 0) s += '  ';
      s += i === last ? cells[i] : cells[i]!.padEnd(widths[i]!);
    }
    return s.trimEnd();
  };
  let text = line(headers);
  for (const r of rows) text += '\n' + line(r);
  return text;
}
