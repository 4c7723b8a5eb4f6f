// Copies non-TypeScript assets (the Ohm grammar, the generated catalogs) next to the compiled
// modules in dist/.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
for (const f of ['src/grammar/crmscript.ohm', 'src/interp/catalog.json', 'src/triggers/catalog.json']) {
  mkdirSync(dirname(`dist/${f}`), { recursive: true });
  cpSync(f, `dist/${f}`);
}
