// Copies non-TypeScript assets (the Ohm grammar, the generated catalogs) next to the compiled
// modules in dist/, stores the grammar pre-compiled as an Ohm recipe and the shape of the natives
// (what the checker needs of them) for fast start-up.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as ohm from 'ohm-js';

for (const f of ['src/grammar/crmscript.ohm', 'src/interp/catalog.json', 'src/triggers/catalog.json', 'src/crm/schema.json']) {
  mkdirSync(dirname(`dist/${f}`), { recursive: true });
  cpSync(f, `dist/${f}`);
}
// what the checker needs of the natives (src/interp/native-shape.ts), from the modules tsc just built
const { natives } = await import('../dist/src/interp/stdlib/index.js');
const { shapeOf } = await import('../dist/src/interp/native-shape.js');
writeFileSync('dist/src/interp/natives-shape.json', JSON.stringify(shapeOf(natives)));
const grammar = ohm.grammar(readFileSync('src/grammar/crmscript.ohm', 'utf8'));
writeFileSync('dist/src/grammar/crmscript.recipe.json', grammar.toRecipe());
// npm start (scripts/start.mjs) rebuilds only when a source is newer than this stamp.
writeFileSync('dist/.build-stamp', `${new Date().toISOString()}\n`);
