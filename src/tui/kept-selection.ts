// A list selection that stays on the same row (by its key) while the rows change — the debugger's
// and the trace viewer's variables across steps — and falls back to the same position, within
// the list, when that row is gone.
import { useState } from 'react';

export interface KeptSelection {
  key: string | null;
  index: number;
}

export interface KeptSelectionState<R> {
  /** The selected row's index in `rows` (0 for an empty list). */
  index: number;
  row: R | undefined;
  /** Moves the selection to `f(index)`, kept within the list. */
  move(f: (i: number) => number): void;
  /** Selects a row by key and index (e.g. a parent after collapsing). */
  select(sel: KeptSelection): void;
}

export function useKeptSelection<R extends { key: string }>(rows: R[]): KeptSelectionState<R> {
  const [sel, setSel] = useState<KeptSelection>({ key: null, index: 0 });
  let index = 0;
  if (rows.length > 0) {
    const byKey = sel.key === null ? -1 : rows.findIndex((r) => r.key === sel.key);
    index = byKey >= 0 ? byKey : Math.min(sel.index, rows.length - 1);
  }
  return {
    index,
    row: rows[index],
    move: (f) =>
      setSel(() => {
        const i = Math.max(0, Math.min(f(index), rows.length - 1));
        return { key: rows[i]?.key ?? null, index: i };
      }),
    select: setSel,
  };
}
