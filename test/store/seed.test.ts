import { describe, expect, it } from 'vitest';
import { emptyStoreData } from '../../src/store/schema.js';
import { seedDemo } from '../../src/store/seed.js';
import * as R from '../../src/store/repos.js';
import { parse } from '../../src/grammar/parse.js';

function seeded() {
  const d = emptyStoreData();
  seedDemo(d);
  return d;
}

describe('demo seed', () => {
  it('has the example scripts in a folder tree', () => {
    const d = seeded();
    const byInclude = (id: string) => R.findScriptByIncludeId(d, id);
    expect(R.folderPath(d, byInclude('hello')!.folderId)).toBe('Examples');
    expect(R.folderPath(d, byInclude('demo-lib')!.folderId)).toBe('Examples/Library');
    expect(byInclude('hello')!.source).toContain('printLine(');
    // the library is used through #include by another script
    const user = byInclude('demo-use-lib')!;
    expect(user.source).toContain('#include "demo-lib";');
    expect(R.resolveIncludeSource(d, 'demo-lib')?.source).toContain('demoGreeting');
    expect(byInclude('demo-fail')!.source).toMatch(/\/ boxes;/);
    expect(byInclude('demo-slow')!.source).toContain('sleep(0.5)');
  });

  it('binds a trigger and adds a disabled task that point at demo scripts', () => {
    const d = seeded();
    expect(d.triggers).toHaveLength(1);
    expect(R.targetExists(d, d.triggers[0]!.targetKind, d.triggers[0]!.targetId)).toBe(true);
    expect(d.triggers[0]!.event).toBe('NewTicket');
    expect(d.tasks).toHaveLength(1);
    expect(d.tasks[0]!.enabled).toBe(false);
    expect(R.targetExists(d, d.tasks[0]!.targetKind, d.tasks[0]!.targetId)).toBe(true);
  });

  it('contains only scripts that parse', () => {
    const d = seeded();
    for (const s of d.scripts) {
      const r = parse(s.source);
      expect(r.diagnostics, `${s.name}: ${JSON.stringify(r.diagnostics)}`).toEqual([]);
    }
  });
});
