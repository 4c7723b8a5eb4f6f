// Writes dist/build-id: a hash of every file the build put in dist/src/ and dist/bundle/. A run's
// cache of compiled programs (src/commands/compiled-cache.ts) is keyed by it, so that a program
// compiled by one build is never run by another.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const hash = createHash('sha256');
function add(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) add(path);
    else if (e.isFile()) hash.update(`${path}\0`).update(readFileSync(path)).update('\0');
  }
}
add('dist/src');
add('dist/bundle');
writeFileSync('dist/build-id', hash.digest('hex').slice(0, 32) + '\n');
