// --help of the built CLI: repeatable options say so instead of showing an empty default.
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runBuiltCli } from '../common.js';

describe('command help', () => {
  beforeAll(requireBuiltCli);
  it.each([['run'], ['debug'], ['fire'], ['macros', 'run']])('%s %s --help shows no "(default: {})", "(default: [])" or "(default: "")"', (...cmd) => {
    const r = runBuiltCli([...cmd.filter(Boolean), '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(repeatable)');
    expect(r.out).not.toMatch(/\(default: (\{\}|\[\]|"")\)/);
  });
  it('still shows real defaults', () => {
    expect(runBuiltCli(['daemon', '--help']).out).toContain('(default: "127.0.0.1")');
  });
});
