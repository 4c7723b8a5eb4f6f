// `crm import` through the real CLI: a large CSV (the bulk path that drops and rebuilds the table's
// indexes, several rows per statement and a remainder), RFC 4180 details (BOM, CRLF, quoted commas,
// doubled quotes, line breaks in a field), a bad line that leaves the table and its indexes as they
// were, and JSON. The CSV reader is also compared with a plain character-by-character reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { parseCsv } from '../../src/crm/csv.js';
import { cli } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

let home: string;
let files: string;
beforeAll(() => {
  home = tempDir('crm-import-');
  files = tempDir('crm-import-files-');
});
const file = (name: string, text: string): string => {
  const p = join(files, name);
  writeFileSync(p, text);
  return p;
};
const sql = async (q: string, h = home): Promise<Record<string, unknown>[]> => JSON.parse((await cli(['crm', 'sql', q, '--json'], h)).out);

/** The reference reading of CSV: one character at a time. */
function slowCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

describe('the CSV reader', () => {
  it('reads every text as the character-by-character reader does', () => {
    const parts = ['a', 'bc', ',', '"', '""', '\n', '\r\n', ' ', 'é'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 20000; n++) {
      let s = n % 50 === 0 ? '\ufeff' : '';
      for (let k = next() % 14; k > 0; k--) s += parts[next() % parts.length];
      expect(parseCsv(s), JSON.stringify(s)).toEqual(slowCsv(s));
    }
  }, 90_000);
});

describe('crm import', () => {
  it('imports a large CSV in one go: quoting, CRLF and BOM, values converted, indexes rebuilt', async () => {
    const N = 6131; // over the bulk threshold, not a multiple of the rows per statement
    const lines = ['\ufefftitle,category,priority,cust_id,created_at,author'];
    for (let i = 1; i <= N; i++) {
      const title = i % 3 === 0 ? `"Order ${i}, ""urgent"""` : i % 5 === 0 ? `"two\nlines ${i}"` : `Ticket ${i}`;
      lines.push(`${title},${1 + (i % 5)},${1 + (i % 4)},${1 + (i % 11)},2025-02-${String(1 + (i % 28)).padStart(2, '0')} 08:00:00,imp`);
    }
    const r = await cli(['crm', 'import', file('t.csv', lines.join('\r\n') + '\r\n'), '--table', 'ticket'], home);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^imported ${N} rows into ticket in \\d+\\.\\d s\\n$`));
    let p = 0;
    for (let i = 1; i <= N; i++) p += 1 + (i % 4);
    expect(await sql("SELECT count(*) AS n, sum(priority) AS p FROM ticket WHERE author = 'imp'")).toEqual([{ n: N, p }]);
    expect(await sql("SELECT title, category, cust_id, created_at FROM ticket WHERE author = 'imp' AND title LIKE 'Order 3,%'")).toEqual([{ title: 'Order 3, "urgent"', category: 4, cust_id: 4, created_at: '2025-02-04 08:00:00' }]);
    expect(await sql("SELECT title FROM ticket WHERE author = 'imp' AND title LIKE 'two%' ORDER BY id LIMIT 1")).toEqual([{ title: 'two\nlines 5' }]);
    expect(await sql("SELECT title FROM ticket WHERE author = 'imp' ORDER BY id DESC LIMIT 1")).toEqual([{ title: `Ticket ${N}` }]);
    expect(await sql("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket'")).toEqual([{ n: 27 }]);
  }, 90_000);

  it('a bad line imports nothing and names the line; the indexes stay', async () => {
    const h = tempDir('crm-import-bad-');
    const lines = ['title,priority'];
    for (let i = 1; i <= 6000; i++) lines.push(i === 4000 ? 'broken' : `Row ${i},2`);
    const r = await cli(['crm', 'import', file('bad.csv', lines.join('\n')), '--table', 'ticket'], h);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv: line 4001 has 1 fields, the header has 2/);
    expect(await sql('SELECT count(*) AS n FROM ticket', h)).toEqual([{ n: 10 }]);
    expect(await sql("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket'", h)).toEqual([{ n: 27 }]);
  }, 90_000);

  it('imports JSON rows with missing keys as defaults', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => (i % 2 ? { firstname: `P${i}`, contact_id: 2 } : { firstname: `P${i}`, lastname: 'Even' }));
    const r = await cli(['crm', 'import', file('p.json', JSON.stringify(rows)), '--table', 'person'], home);
    expect(r.out).toMatch(/^imported 70 rows into person/);
    expect(await sql("SELECT count(*) AS n, sum(contact_id) AS c FROM person WHERE firstname LIKE 'P%' AND lastname = 'Even'")).toEqual([{ n: 35, c: 0 }]);
    expect(await sql("SELECT count(*) AS n FROM person WHERE firstname LIKE 'P%' AND contact_id = 2")).toEqual([{ n: 35 }]);
  }, 90_000);
});
