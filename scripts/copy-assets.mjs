// Copies non-TypeScript assets (the Ohm grammar) next to the compiled modules in dist/.
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/src/grammar', { recursive: true });
cpSync('src/grammar/crmscript.ohm', 'dist/src/grammar/crmscript.ohm');
