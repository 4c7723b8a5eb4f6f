// The import rules dependency-cruiser cannot see, checked on the text of src/ (part of
// `npm run depcheck`):
// - no module loaded by a computed path: import() and require() take a string literal only;
// - no swallowing of a missing module (MODULE_NOT_FOUND / ERR_MODULE_NOT_FOUND);
// - no file over 400 lines (issue 11: one concept per file).
// Prints one line per problem and exits 1 when there is any.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const MAX_LINES = 400;
/**
 * Files over the limit that are being split on other branches (issue 11); each entry goes when its
 * split lands. A listed file that is within the limit is named in a note, so the list cannot go stale.
 */
const BEING_SPLIT = new Set([]);
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(ts|tsx|mts)$/.test(e.name)) files.push(p);
  }
};
walk('src');

const problems = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const lines = text.split('\n');
  const count = lines.length - (text.endsWith('\n') ? 1 : 0); // as wc -l counts
  const key = f.split('\\').join('/');
  if (count > MAX_LINES && !BEING_SPLIT.has(key)) problems.push(`${f}: ${count} lines (at most ${MAX_LINES})`);
  if (count <= MAX_LINES && BEING_SPLIT.has(key)) console.log(`note: ${f} is within ${MAX_LINES} lines now; remove it from BEING_SPLIT in scripts/check-imports.mjs`);
  lines.forEach((line, i) => {
    const at = `${f}:${i + 1}`;
    if (/^\s*(\/\/|\*)/.test(line)) return; // comments
    if (/MODULE_NOT_FOUND/.test(line)) problems.push(`${at}: a missing module is handled (MODULE_NOT_FOUND); import it statically`);
    for (const m of line.matchAll(/\b(import|require)\s*\(\s*([^)\s])/g)) {
      if (m[2] !== "'" && m[2] !== '"') problems.push(`${at}: ${m[1]}() of a computed path; use a string literal`);
    }
  });
}
for (const p of problems) console.log(p);
console.log(problems.length ? `check-imports: ${problems.length} problem(s)` : `check-imports: ${files.length} files, no problems`);
process.exit(problems.length ? 1 : 0);
