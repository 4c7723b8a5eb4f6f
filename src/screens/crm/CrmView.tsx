/**
 * The sandbox CRM data view, opened from every tab (C): the tables with their row counts, the rows
 * of one table (/ filters them), one row's columns, and the rows the last run changed. It reads
 * the same database file the runs write, so what a script just saved shows here.
 */
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { CrmValue } from '../../interp/runtime/crm-service.js';
import type { SqlResult } from '../../crm/driver.js';
import { listTables, showRows, usefulColumns, type TableInfo } from '../../crm/admin.js';
import { crmLocation } from '../../crm/location.js';
import { sharedDriver } from '../../crm/shared.js';
import { changeLine } from '../../crm/changes.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { Panel } from '../../tui/components/Panel.js';
import { Field } from '../../tui/components/Field.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import type { Size } from '../../tui/hooks.js';
import { fit } from '../../tui/text.js';
import { CRM_KEYS } from './keys.js';
import { useCrmRunState } from './run-state.js';

type View = { kind: 'tables' } | { kind: 'rows'; table: string } | { kind: 'row'; table: string; id: number; from: 'rows' | 'changes' } | { kind: 'changes' };

const ROW_LIMIT = 2000;
const cellText = (v: CrmValue): string => (v === null ? '' : String(v).replace(/\s+/g, ' '));

export interface CrmViewProps {
  dataDir: string;
  size: Size;
  onClose: () => void;
}

export function CrmView({ dataDir, size, onClose }: CrmViewProps): React.ReactElement {
  const t = useTheme();
  const runs = useCrmRunState();
  const [view, setView] = useState<View>({ kind: 'tables' });
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [rows, setRows] = useState<(SqlResult & { table: string; primaryKey: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sel, setSel] = useState(0);
  const [tableSel, setTableSel] = useState(0);
  const [rowSel, setRowSel] = useState(0);
  const filter = useListFilter(() => setSel(0));
  const [tick, setTick] = useState(0);

  const location = crmLocation(dataDir);
  useEffect(() => {
    let live = true;
    setError(null);
    void sharedDriver(location)
      .then((d) => {
        if (!live) return;
        if (view.kind === 'tables') setTables(listTables(d));
        else if (view.kind === 'rows') setRows(showRows(d, view.table, { limit: ROW_LIMIT }));
        else if (view.kind === 'row') setRows(showRows(d, view.table, { where: { [d.schema().mustFind(view.table).primaryKey]: String(view.id) } }));
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [location, view, tick, runs.last?.at]);

  const go = useCallback(
    (v: View) => {
      if (view.kind === 'tables') setTableSel(sel);
      if (view.kind === 'rows') setRowSel(sel);
      filter.clear();
      setRows(null);
      setView(v);
      setSel(v.kind === 'tables' ? tableSel : v.kind === 'rows' ? (view.kind === 'row' ? rowSel : 0) : 0);
    },
    [view, sel, tableSel, rowSel, filter],
  );

  // the lines of the current view
  const inner = size.width - 2;
  // panel borders (2) and the column header (1); the list fills the rest so nothing behind shows through
  const listH = Math.max(size.height - 3 - (filter.shown ? 1 : 0) - (error ? 1 : 0), 1);
  const tableItems = useMemo(() => filterItems(tables ?? [], filter.value, (x) => x.name), [tables, filter.value]);
  const cols = useMemo(() => (rows && view.kind === 'rows' ? usefulColumns(rows, rows.primaryKey) : []), [rows, view.kind]);
  const widths = useMemo(() => cols.map((i) => Math.min(24, Math.max(rows!.columns[i].length, ...rows!.rows.map((r) => cellText(r[i]).length)))), [cols, rows]);
  const rowItems = useMemo(() => (rows && view.kind === 'rows' ? filterItems(rows.rows, filter.value, (r) => r.map(cellText).join(' ')) : []), [rows, view.kind, filter.value]);
  const detail = useMemo(() => (rows && view.kind === 'row' && rows.rows[0] ? rows.columns.map((c, i) => ({ name: c, value: cellText(rows.rows[0][i]) })) : []), [rows, view.kind]);
  const changes = runs.last?.changes ?? [];
  const countOf = (): number => (view.kind === 'tables' ? tableItems.length : view.kind === 'rows' ? rowItems.length : view.kind === 'row' ? detail.length : changes.length);
  const count = countOf();

  // the list paints only its rows: filler lines below paint the rest
  const listLines = Math.max(Math.min(countOf(), listH), 1);
  const open = (): void => {
    if (view.kind === 'tables' && tableItems[sel]) go({ kind: 'rows', table: tableItems[sel].name });
    else if (view.kind === 'rows' && rows && rowItems[sel]) go({ kind: 'row', table: rows.table, id: Number(rowItems[sel][rows.columns.indexOf(rows.primaryKey)]), from: 'rows' });
    else if (view.kind === 'changes' && changes[sel] && changes[sel].kind !== 'delete') go({ kind: 'row', table: changes[sel].table, id: changes[sel].id, from: 'changes' });
  };
  const back = (): void => {
    if (view.kind === 'tables') onClose();
    else if (view.kind === 'row') go(view.from === 'rows' ? { kind: 'rows', table: view.table } : { kind: 'changes' });
    else go({ kind: 'tables' });
  };
  const nav = listNavBindings(count, listH, (f) => setSel((i) => f(i)));
  const canFilter = view.kind === 'tables' || view.kind === 'rows';
  const bindings: Binding[] = filter.typing
    ? filter.typingKeys((by) => setSel((i) => Math.max(0, Math.min(i + by, count - 1))))
    : [
        { def: NAV_KEYS.open, run: open, when: view.kind !== 'row', label: 'Open' },
        { def: NAV_KEYS.filter, run: filter.start, when: canFilter },
        { def: CRM_KEYS.changes, run: () => go({ kind: 'changes' }), when: view.kind === 'tables' },
        { def: CRM_KEYS.refresh, run: () => setTick((n) => n + 1) },
        ...(filter.value ? [filter.clearKey()] : [{ def: CRM_KEYS.close, run: back, label: view.kind === 'tables' ? 'Close' : 'Back' }]),
        ...nav,
      ];
  useKeys({ title: 'CRM data', level: 'overlay', bindings });

  let title: string;
  let header: string | null = null;
  let body: React.ReactNode;
  if (view.kind === 'tables') {
    title = `CRM data: ${tables?.length ?? '…'} tables`;
    header = `${'TABLE'.padEnd(28)} ROWS`;
    body = <VirtualList items={tableItems} selected={sel} height={listLines} width={inner} empty={tables ? 'No table matches.' : 'Opening the database…'} renderRow={(x) => `${x.name.padEnd(28)} ${String(x.rows).padStart(6)}${x.extra ? '  extra table' : ''}`} />;
  } else if (view.kind === 'rows') {
    title = `${view.table}: ${rows ? `${rowItems.length}${rowItems.length !== rows.rows.length ? ` of ${rows.rows.length}` : ''} row${rows.rows.length === 1 ? '' : 's'}${rows.rows.length >= ROW_LIMIT ? ` (first ${ROW_LIMIT})` : ''}` : '…'}`;
    header = rows ? cols.map((i, k) => rows.columns[i].slice(0, widths[k]).padEnd(widths[k])).join(' ') : null;
    body = <VirtualList items={rowItems} selected={sel} height={listLines} width={inner} empty={rows ? 'No rows.' : 'Reading…'} renderRow={(r) => cols.map((i, k) => cellText(r[i]).slice(0, widths[k]).padEnd(widths[k])).join(' ')} />;
  } else if (view.kind === 'row') {
    title = `${view.table} ${view.id}`;
    const w = Math.min(28, Math.max(8, ...detail.map((d) => d.name.length)));
    body = <VirtualList items={detail} selected={sel} height={listLines} width={inner} empty={rows ? `There is no ${view.table} ${view.id} (deleted?).` : 'Reading…'} renderRow={(d) => `${d.name.padEnd(w)} ${d.value}`} />;
  } else {
    const last = runs.last;
    title = last ? `Changed by the last run (${last.title})${last.rolledBack ? ': rolled back, nothing kept' : ''}` : 'Changed by the last run';
    body = <VirtualList items={changes} selected={sel} height={listLines} width={inner} empty={last ? 'The last run changed no CRM rows.' : 'No run finished yet in this session.'} renderRow={(c) => changeLine(c)} />;
  }
  // an empty list still paints every line (the tab behind must not show through)
  const emptyText = count === 0 ? ((body as React.ReactElement<{ empty?: string }>).props.empty ?? '') : null;
  if (emptyText !== null) {
    body = (
      <Box flexDirection="column" height={listH}>
        {Array.from({ length: listH }, (_, i) => (
          <Text key={i} {...(i === 0 ? t.muted : {})} wrap="truncate">
            {fit(i === 0 ? ` ${emptyText}` : '', inner)}
          </Text>
        ))}
      </Box>
    );
  }
  const filler = emptyText === null ? Math.max(listH - listLines, 0) : 0;
  return (
    <Box position="absolute" width={size.width} height={size.height} flexDirection="column">
      <Panel title={title} note={view.kind === 'tables' ? 'Enter open · / filter · c last run' : undefined} width={size.width} height={size.height} focused>
        {error ? (
          <Text {...t.error} wrap="truncate">
            {fit(error, inner)}
          </Text>
        ) : null}
        {filter.shown ? (
          <Box>
            <Text>/ </Text>
            <Field value={filter.value} onChange={filter.set} focused={filter.typing} width={inner - 3} placeholder="filter" />
          </Box>
        ) : null}
        <Text {...t.muted} wrap="truncate">
          {fit(header ?? '', inner)}
        </Text>
        {body}
        {Array.from({ length: filler }, (_, i) => (
          <Text key={`f${i}`}>{' '.repeat(Math.max(inner, 0))}</Text>
        ))}
      </Panel>
    </Box>
  );
}
