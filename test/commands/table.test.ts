import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/commands/common.js';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell and trims the ends of lines', () => {
    const t = formatTable(['A', 'LONG HEADER', 'C'], [
      ['wide cell', 'x', 'last'],
      ['y', '', ''],
      ['z'],
    ]);
    expect(t).toBe(['A          LONG HEADER  C', 'wide cell  x            last', 'y', 'z'].join('\n'));
  });

  it('gives the headers alone for no rows', () => {
    expect(formatTable(['NAME', 'WHEN'], [])).toBe('NAME  WHEN');
  });
});
