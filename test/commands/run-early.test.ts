// `crmscript-tui run FILE` starts its worker before the program loads, with the heap limit the
// arguments ask for (commands/run-early.ts); anything else starts none.
import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { earlyRunMemory } from '../../src/commands/run-early-args.js';

const FILE = fileURLToPath(import.meta.url);

describe('the early worker of run FILE', () => {
  it('is asked for with the default or the given heap limit', () => {
    expect(earlyRunMemory(['run', FILE])).toBe(512);
    expect(earlyRunMemory(['--data-dir', '/x', 'run', '--memory', '100', FILE])).toBe(100);
    expect(earlyRunMemory(['run', '--memory=64', '--var', 'a=b', '--allow-file', '.', FILE, '--timeout', '5'])).toBe(64);
  });

  it('is not asked for when the target is no file, the command is another, or the limit is bad', () => {
    expect(earlyRunMemory(['run', 'Some/Stored script'])).toBeNull();
    expect(earlyRunMemory(['check', FILE])).toBeNull();
    expect(earlyRunMemory(['run', '--memory', 'lots', FILE])).toBeNull();
    expect(earlyRunMemory(['run', '--allow-file', FILE])).toBeNull();
    expect(earlyRunMemory(['run'])).toBeNull();
  });
});
