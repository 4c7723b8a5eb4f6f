// The runnable examples (```crmscript!) of the reference's pages about sales, quotes, follow-ups,
// documents, projects, persons and organizations and NetServer run against the sandbox CRM with
// its demo data (a real SQLite database in a temporary directory). None may stop on a "not
// available" NetServer method except the ones the README names; the only check errors allowed
// are the reference's own mistakes listed below.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';
import { openDriver, serviceOver } from '../../../src/crm/open.js';
import { cleanupTempDirs, tempDir } from '../../common.js';
import { sharedPath } from '../../shared.js';

const docs = sharedPath('reference/crmscript-docs') ?? ''; // '' outside CI when ../shared is missing
const SECTIONS = ['sales', 'quotes', 'follow-ups', 'documents', 'projects', 'persons-and-organizations', 'netserver'];

/** NetServer methods the README lists as having no sandbox meaning. */
const UNAVAILABLE_BY_DESIGN: string[] = [];

/** Examples the reference itself gets wrong (they fail to check in SuperOffice too). */
const BROKEN_IN_REFERENCE: Record<string, RegExp> = {
  // an unterminated string literal: printLine("Total price before: line.GetTotalPrice()…
  'quotes/quote-alternatives.md #7': /expected/,
};

const examples: [string, string][] = [];
const walk = (dir: string): void => {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.md')) {
      let n = 0;
      for (const m of readFileSync(p, 'utf8').matchAll(/```crmscript!\s*\n([\s\S]*?)```/g)) examples.push([`${p.slice(docs.length + 1)} #${++n}`, m[1]]);
    }
  }
};
if (docs) for (const s of SECTIONS) walk(join(docs, s));

let driver: Awaited<ReturnType<typeof openDriver>>;
beforeAll(async () => {
  driver = await openDriver(join(tempDir('crms-nsdoc-'), 'crm.sqlite'));
});
afterAll(() => cleanupTempDirs());

describe.skipIf(!examples.length)('NetServer examples of the reference, on the sandbox CRM', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(100);
  });

  it.each(examples)('%s', (name, source) => {
    const c = compileScript({ source, file: 'example.crm' });
    const broken = BROKEN_IN_REFERENCE[name];
    if (broken) {
      expect(c.diagnostics.map((d) => d.message).join('\n')).toMatch(broken);
      return;
    }
    // members of non-NetServer classes that the reference documents differently belong elsewhere
    const ours = c.diagnostics.filter((d) => /\bNS[A-Z]\w*/.test(d.message));
    expect(ours.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([]);
    if (!c.compiled) return;
    const crm = serviceOver(driver, { rollback: true });
    const r = execute(c.compiled, newRunContext({ out: () => {}, crm }));
    crm.finish();
    const message = r.error?.message ?? '';
    const m = /^(NS\w+\.\w+) is not available in crmscript-tui$/.exec(message);
    if (m) expect(UNAVAILABLE_BY_DESIGN).toContain(m[1]);
  });
});
