// The runnable examples (```crmscript!) of the reference's SearchEngine and requests pages run
// against the sandbox CRM (the demo data, every example's writes rolled back) without a
// "not available" error. The reference lives in ../shared (read at test time only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../shared.js';
import { crmFixture, describeBackends, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

const docs = sharedPath('reference/crmscript-docs'); // null outside CI when ../shared is missing
const examples: [string, string][] = [];
if (docs) {
  for (const dir of ['searchengine', 'requests']) {
    for (const f of readdirSync(join(docs, dir)).filter((x) => x.endsWith('.md')).sort()) {
      const text = readFileSync(join(docs, dir, f), 'utf8');
      let n = 0;
      for (const m of text.matchAll(/```crmscript!\s*\n([\s\S]*?)```/g)) examples.push([`${dir}/${f} #${++n}`, m[1]]);
    }
  }
}

/** Examples with a mistake of their own (they do not type-check as written). */
const DOC_MISTAKES: Record<string, RegExp> = {
  'requests/messages.md #4': /no function 'printLine' takes \(Integer\)/,
};

let f: CrmFixture;
afterAll(cleanupTempDirs);

describeBackends('CRM documentation examples', (b) => {
beforeAll(async () => {
  f = await crmFixture({ rollback: true }, await b.fresh());
});
afterAll(() => f.driver.close());

describe.skipIf(!examples.length)('runnable examples of the SearchEngine and requests pages', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(25);
  });
  it.each(examples)('%s', (name, source) => {
    const r = runWithCrm(f, source);
    f.driver.rollback(); // every example starts from the demo data
    if (DOC_MISTAKES[name]) {
      expect(r.diagnostics.join('\n')).toMatch(DOC_MISTAKES[name]);
      return;
    }
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).not.toBe('');
  });
});
});
