// What the reference pages say a script prints (datatypes/*.md, fundamentals/*.md and the API
// pages CRMScript.Global.*.yml): each case runs CRMScript and compares its output with the
// documented result. doc-examples.test.ts only checks that the examples run.
import { describe, expect, it } from 'vitest';
import { outputOf } from '../helpers.js';

describe('string literals (datatypes/string-type.md, Special characters / Whitespace)', () => {
  it('\\b is the backspace character, like \\n and \\t are newline and tab', () => {
    expect(outputOf('print("a\\bb\\tc\\nd");')).toBe('a\bb\tc\nd');
    expect(outputOf('printLine("x\\b".getLength().toString());')).toBe('2\n');
  });
});
