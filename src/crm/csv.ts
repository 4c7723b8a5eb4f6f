// CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) for crm import/export.
/**
 * Calls `onRow` for every record (fields as strings); empty lines are skipped. Fields are cut out
 * with indexOf/slice (a large import is 100,000 lines): only quoted fields are built piecewise.
 */
export function eachCsvRow(text: string, onRow: (fields: string[], line: number) => void): void {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text.charCodeAt(i) === 34 /* " */) {
        // a quoted field: copy the runs between quotes
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            field += text.slice(j);
            i = n;
            break;
          }
          field += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            field += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) line++;
      }
      let e = i;
      while (e < n) {
        const c = text.charCodeAt(e);
        if (c === 44 || c === 10 || c === 13 || c === 34) break;
        e++;
      }
      field += text.slice(i, e);
      i = e;
      if (text.charCodeAt(i) === 34) {
        // a quote after other text (malformed, but read as before): one character at a time
        let quoted = false;
        for (; i < n; i++) {
          const ch = text[i];
          if (quoted) {
            if (ch === '"') {
              if (text[i + 1] === '"') {
                field += '"';
                i++;
              } else quoted = false;
            } else {
              if (ch === '\n') line++;
              field += ch;
            }
          } else if (ch === '"') quoted = true;
          else if (ch === ',' || ch === '\n' || ch === '\r') break;
          else field += ch;
        }
      }
      row.push(field);
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (!(row.length === 1 && row[0] === '')) onRow(row, startLine);
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  eachCsvRow(text, (r) => rows.push(r));
  return rows;
}

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(columns: string[], rows: unknown[][]): string {
  return [columns.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
