// Timing budgets that used to be assertions in the tests (tests assert behaviour, not the
// machine's speed): parsing, the 10,000-row list, the Map. Each figure is the median of several
// runs, and each run's result is checked so that a broken path cannot look fast.
import React from 'react';
import { render } from 'ink-testing-library';
import { parse } from '../src/grammar/parse.js';
import { VirtualList, filterItems } from '../src/tui/components/VirtualList.js';
import { MapClass } from '../src/interp/stdlib/map.js';
import { generateScript } from './generate.js';

export type Row = [string, string, string];

function median(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench: wrong result: ${what}`);
}

export function budgetRows(): Row[] {
  const rows: Row[] = [];

  const big = generateScript(5000);
  parse('Integer warmUp = 1;');
  const parseMs = median(5, () => check((parse(big).program?.body.length ?? 0) > 400, 'parse of 5,000 lines'));
  rows.push(['parse only, 5,000 lines (median of 5)', `${parseMs.toFixed(0)} ms`, 'target < 600 ms']);

  const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `script-${String(i).padStart(5, '0')}` }));
  const row = (it: { name: string }): string => it.name;
  render(<VirtualList items={items.slice(0, 5)} selected={0} height={5} width={60} renderRow={row} />).unmount(); // warm up Ink
  const listMs = median(5, () => {
    const r = render(<VirtualList items={items} selected={0} height={20} width={60} renderRow={row} />);
    check(r.lastFrame()!.includes('script-00019') && !r.lastFrame()!.includes('script-00020'), 'list window');
    r.unmount();
  });
  rows.push(['list of 10,000 rows: first render (median of 5)', `${listMs.toFixed(1)} ms`, 'target < 200 ms']);
  const r = render(<VirtualList items={items} selected={0} height={10} width={60} renderRow={row} />);
  const filterMs = median(5, () => {
    const hits = filterItems(items, '0999', row);
    r.rerender(<VirtualList items={hits} selected={0} height={10} width={60} renderRow={row} />);
    check(hits.length === 11 && r.lastFrame()!.includes('script-09990'), 'filtered list');
  });
  r.unmount();
  rows.push(['list of 10,000 rows: filter and redraw (median of 5)', `${filterMs.toFixed(1)} ms`, 'target < 200 ms']);

  const M = MapClass.methods!;
  const mapMs = median(5, () => {
    const m = MapClass.defaultValue!();
    for (let i = 0; i < 100_000; i++) M['insert(String,String)']!(m, 'k' + i, String(i));
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += Number(M['get(String)']!(m, 'k' + i));
    check(sum === (99_999 * 100_000) / 2 && M['size()']!(m) === 100_000, 'Map contents');
  });
  rows.push(['Map: 100,000 inserts + 100,000 lookups (median of 5)', `${mapMs.toFixed(0)} ms`, 'target < 1000 ms']);
  return rows;
}
