import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { render, cleanup } from 'ink-testing-library';
import { VirtualList, filterItems, scrollTop } from '../../src/tui/components/VirtualList.js';
import { Tree, flattenTree, type TreeNode } from '../../src/tui/components/Tree.js';
import { SourceView } from '../../src/tui/components/SourceView.js';
import { highlightSource } from '../../src/tui/components/highlight.js';
import { makeTheme } from '../../src/tui/theme.js';
import { fit, truncate, wrapText, formatDuration } from '../../src/tui/text.js';

afterEach(() => cleanup());

const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `script-${String(i).padStart(5, '0')}` }));

describe('VirtualList', () => {
  // render and filter times of 10,000 rows are budgets in bench/budgets.tsx (npm run bench)
  it('renders 10,000 rows, drawing only the visible ones', () => {
    const r = render(<VirtualList items={rows} selected={0} height={20} width={60} renderRow={(it) => it.name} />);
    const frame = r.lastFrame()!;
    expect(frame).toContain('script-00000');
    expect(frame).toContain('script-00019');
    expect(frame).not.toContain('script-00020');
    expect(frame.split('\n')).toHaveLength(20);
  });

  it('filters 10,000 rows and shows the matches', () => {
    const r = render(<VirtualList items={rows} selected={0} height={10} width={60} renderRow={(it) => it.name} />);
    const hits = filterItems(rows, '0999', (it) => it.name);
    r.rerender(<VirtualList items={hits} selected={0} height={10} width={60} renderRow={(it) => it.name} />);
    expect(hits.map((h) => h.name)).toEqual(['script-00999', ...Array.from({ length: 10 }, (_, i) => `script-0999${i}`)]);
    expect(r.lastFrame()).toContain('script-00999');
    expect(r.lastFrame()).toContain('script-09990');
  });

  it('scrolls to keep the selection on screen and marks it', () => {
    const r = render(<VirtualList items={rows} selected={5000} height={10} width={40} renderRow={(it) => it.name} />);
    const lines = r.lastFrame()!.split('\n');
    const sel = lines.find((l) => l.includes('script-05000'))!;
    expect(sel.startsWith('›')).toBe(true);
    expect(lines.filter((l) => l.startsWith('›'))).toHaveLength(1);
  });

  it('moves the viewport only when the selection leaves it', () => {
    expect(scrollTop(0, 5, 100, 10)).toBe(0);
    expect(scrollTop(0, 12, 100, 10)).toBe(3);
    expect(scrollTop(3, 5, 100, 10)).toBe(3);
    expect(scrollTop(3, 1, 100, 10)).toBe(1);
    expect(scrollTop(50, 99, 100, 10)).toBe(90);
  });

  it('says so when there is nothing to show', () => {
    const r = render(<VirtualList items={[]} selected={0} height={3} width={40} renderRow={() => ''} empty="Nothing matches." />);
    expect(r.lastFrame()).toContain('Nothing matches.');
  });
});

describe('Tree', () => {
  const tree: TreeNode[] = [
    { id: 'a', label: 'Alpha', children: [{ id: 'a1', label: 'Inner', children: [{ id: 'a1x', label: 'Deep', children: [] }] }] },
    { id: 'b', label: 'Beta', children: [] },
  ];

  it('shows only expanded branches', () => {
    expect(flattenTree(tree, new Set()).map((n) => n.id)).toEqual(['a', 'b']);
    expect(flattenTree(tree, new Set(['a'])).map((n) => n.id)).toEqual(['a', 'a1', 'b']);
    const all = flattenTree(tree, new Set(['a', 'a1']));
    expect(all.map((n) => [n.id, n.depth, n.parentId])).toEqual([
      ['a', 0, null],
      ['a1', 1, 'a'],
      ['a1x', 2, 'a1'],
      ['b', 0, null],
    ]);
  });

  it('draws arrows for expandable nodes and indents children', () => {
    const r = render(<Tree nodes={flattenTree(tree, new Set(['a']))} selected={1} height={5} width={30} />);
    const lines = r.lastFrame()!.split('\n');
    expect(lines[0]).toContain('▾ Alpha');
    expect(lines[1]).toMatch(/^›\s+▸ Inner/);
    expect(lines[2]).toContain('  Beta');
  });
});

describe('SourceView and highlighting', () => {
  it('classifies keywords, types, strings, numbers and comments across lines', () => {
    const lines = highlightSource('/* a\nb */ Integer x = 42;\nString s = "if";\nif (x > 1) printLine(s); // done\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual([{ text: '/* a', kind: 'comment' }]);
    expect(lines[1]!.find((t) => t.text === 'Integer')!.kind).toBe('type');
    expect(lines[1]!.find((t) => t.text === '42')!.kind).toBe('number');
    expect(lines[2]!.find((t) => t.text === '"if"')!.kind).toBe('string');
    expect(lines[3]![0]).toEqual({ text: 'if', kind: 'keyword' });
    expect(lines[3]!.find((t) => t.text === 'printLine')!.kind).toBe('call');
    expect(lines[3]![lines[3]!.length - 1]).toEqual({ text: '// done', kind: 'comment' });
    // Every line's tokens put together give the line back.
    expect(lines.map((l) => l.map((t) => t.text).join(''))).toEqual(['/* a', 'b */ Integer x = 42;', 'String s = "if";', 'if (x > 1) printLine(s); // done']);
  });

  it('shows line numbers and scrolls', () => {
    const src = Array.from({ length: 50 }, (_, i) => `printLine("${i + 1}");`).join('\n');
    const r = render(<SourceView source={src} top={10} height={5} width={40} />);
    const lines = r.lastFrame()!.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^11 │ printLine\("11"\);/);
    expect(lines[4]).toMatch(/^15 │/);
  });

  it('cuts long lines and scrolls sideways', () => {
    const r = render(<SourceView source={'x'.repeat(30) + 'END'} top={0} height={1} width={20} left={20} />);
    expect(r.lastFrame()).toContain('xxxxxxxxxxEND');
  });
});

describe('theme and text helpers', () => {
  it('uses no colour at all under NO_COLOR but keeps selection visible', () => {
    const t = makeTheme(true);
    const styles = [t.muted, t.accent, t.key, t.error, t.success, t.selected, t.activeTab, ...Object.values(t.syntax)];
    for (const s of styles) {
      expect(s.color).toBeUndefined();
      expect(s.backgroundColor).toBeUndefined();
    }
    expect(t.focusBorder).toBeUndefined();
    expect(t.selected.inverse).toBe(true);
    expect(makeTheme(false).accent.color).toBe('cyan');
  });

  it('fits, truncates, wraps and formats', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('中文字', 4)).toBe('中… '); // 中 takes two cells
    expect(truncate('hello', 10)).toBe('hello');
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(formatDuration(12.3)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
