// Every runnable example (```crmscript!) in the reference's fundamentals and datatypes pages
// must check and run without error. The reference lives in ../shared (read at test time only).
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../helpers.js';
import { sharedPath } from '../shared.js';

const docs = sharedPath('reference/crmscript-docs');
const examples: [string, string][] = [];
if (docs) {
  for (const dir of ['fundamentals', 'datatypes']) {
    for (const f of readdirSync(join(docs, dir)).filter((x) => x.endsWith('.md')).sort()) {
      const text = readFileSync(join(docs, dir, f), 'utf8');
      let n = 0;
      for (const m of text.matchAll(/```crmscript!\s*\n([\s\S]*?)```/g)) examples.push([`${dir}/${f} #${++n}`, m[1]]);
    }
  }
}

describe.skipIf(!examples.length)('runnable examples of the language reference', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(100);
  });
  it.each(examples)('%s', (_name, source) => {
    const r = runScript(source);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
  });
});
