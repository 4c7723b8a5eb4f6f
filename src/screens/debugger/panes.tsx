/** The Debugger's panes (also the trace viewer's): source, variables, call stack, watch list, output. */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { highlightSource } from '../../tui/components/highlight.js';
import { sliceTokens } from '../../tui/components/SourceView.js';
import { clampTop } from '../../tui/components/TextView.js';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { treePrefix } from '../../tui/components/Tree.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, fit, sliceCells, truncate } from '../../tui/text.js';
import { varPath, type DebugModel, type Watch } from './model.js';
import type { StackFrame, Variable } from './types.js';

// ---------------------------------------------------------------- source

export interface SourcePaneProps {
  source: string | null;
  top: number;
  height: number;
  width: number;
  left: number;
  cursor: number;
  /** Where the run is paused in this file (frame 0), if here. */
  current: number | null;
  /** The selected frame's line when it is not frame 0. */
  frameLine: number | null;
  breakpoints: readonly number[];
  focused: boolean;
  /** A paused run stopped by an exception on `current`. */
  exception: boolean;
  /** The line a run that ended with an error failed on. */
  errorLine?: number | null;
}

export function SourcePane({ source, top, height, width, left, cursor, current, frameLine, breakpoints, focused, exception, errorLine }: SourcePaneProps): React.ReactElement {
  const t = useTheme();
  const lines = useMemo(() => (source === null ? [] : highlightSource(source)), [source]);
  if (source === null) {
    return (
      <Box height={height} width={width}>
        <Text {...t.muted} wrap="truncate">
          The source of this file is not available.
        </Text>
      </Box>
    );
  }
  const gutter = String(Math.max(lines.length, 1)).length;
  const codeW = Math.max(width - gutter - 5, 1);
  const start = clampTop(top, lines.length, height);
  const bp = new Set(breakpoints);
  const rows: React.ReactNode[] = [];
  for (let i = start; i < Math.min(lines.length, start + height); i++) {
    const n = i + 1;
    const isCur = n === current;
    const isFrame = n === frameLine;
    const isCursor = n === cursor;
    const toks = sliceTokens(lines[i]!, left, codeW);
    const used = toks.reduce((w, tk) => w + cellWidth(tk.text), 0);
    const rowStyle = isCursor && focused ? t.selected : {};
    const isError = n === errorLine;
    const here = isCur ? (exception ? t.error : t.warning) : isFrame ? t.accent : isError ? t.error : t.muted;
    rows.push(
      <Text key={n} wrap="truncate" {...rowStyle}>
        <Text {...t.error} bold>
          {bp.has(n) ? '●' : ' '}
        </Text>
        <Text {...here} bold={isCur || isFrame}>
          {isCur ? '▶' : isFrame ? '▷' : isError ? '✗' : ' '}
        </Text>
        <Text {...(isCur ? { ...t.warning, bold: true } : isCursor && !focused ? t.selectedBlurred : t.muted)} underline={isCursor && !focused}>
          {String(n).padStart(gutter)}
        </Text>
        <Text {...t.muted}>{isCursor ? '›' : '│'} </Text>
        {toks.map((tk, j) => (
          <Text key={j} {...t.syntax[tk.kind]} bold={isCur || t.syntax[tk.kind].bold}>
            {tk.text}
          </Text>
        ))}
        {' '.repeat(Math.max(codeW - used, 0))}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.length === 0 ? <Text {...t.muted}>(empty source)</Text> : rows}
    </Box>
  );
}

// ---------------------------------------------------------------- variables

export type VarRow =
  | { kind: 'head'; key: string; text: string }
  | { kind: 'var'; key: string; path: string; v: Variable; depth: number; open: boolean }
  | { kind: 'note'; key: string; text: string; depth: number; error?: boolean };

export function variableRows(m: Pick<DebugModel, 'vars' | 'children' | 'expanded'>): VarRow[] {
  const rows: VarRow[] = [];
  if (!m.vars) return rows;
  const walk = (list: Variable[], parent: string, depth: number) => {
    for (const v of list) {
      const path = varPath(parent, v.name);
      const open = v.ref > 0 && m.expanded.has(path);
      rows.push({ kind: 'var', key: path, path, v, depth, open });
      if (!open) continue;
      const kids = m.children.get(path);
      if (!kids) rows.push({ kind: 'note', key: `${path}/…`, text: '…', depth: depth + 1 });
      else if (!Array.isArray(kids)) rows.push({ kind: 'note', key: `${path}/!`, text: kids.error, depth: depth + 1, error: true });
      else if (kids.length === 0) rows.push({ kind: 'note', key: `${path}/∅`, text: '(empty)', depth: depth + 1 });
      else walk(kids, path, depth + 1);
    }
  };
  const globals = m.vars.globals.length > 0;
  if (globals) rows.push({ kind: 'head', key: 'head:L', text: 'Locals' });
  walk(m.vars.locals, 'L', 0);
  if (m.vars.locals.length === 0) rows.push({ kind: 'note', key: 'L/∅', text: '(none in scope yet)', depth: 0 });
  if (globals) {
    rows.push({ kind: 'head', key: 'head:G', text: 'Globals' });
    walk(m.vars.globals, 'G', 0);
  }
  return rows;
}

export function VariablesPane({
  rows,
  selected,
  height,
  width,
  focused,
  stale,
  message,
}: {
  rows: VarRow[];
  selected: number;
  height: number;
  width: number;
  focused: boolean;
  stale: boolean;
  message: string | null;
}): React.ReactElement {
  const t = useTheme();
  if (message) {
    return (
      <Box height={height} width={width} flexDirection="column">
        <Text {...t.muted} wrap="truncate">
          {message}
        </Text>
      </Box>
    );
  }
  return (
    <VirtualList
      items={rows}
      selected={selected}
      height={height}
      width={width}
      focused={focused}
      empty="No variables."
      renderRow={(r, _i, st) => {
        if (r.kind === 'head') return <Text {...(st.selected ? {} : t.accent)}>{fit(r.text, st.width)}</Text>;
        if (r.kind === 'note') {
          return <Text {...(r.error ? t.error : t.muted)}>{fit(`${treePrefix(r.depth, false, false, 10)}${r.text}`, st.width)}</Text>;
        }
        const head = `${treePrefix(r.depth, r.v.ref > 0, r.open, 10)}${r.v.name}`;
        const rest = Math.max(st.width - cellWidth(head) - 3, 0);
        const dim = stale && !st.selected ? t.muted : {};
        return (
          <Text {...dim}>
            {truncate(head, st.width)}
            {rest > 0 ? (
              <>
                <Text {...(st.selected ? {} : t.muted)}> = </Text>
                {fit(r.v.value, rest)}
              </>
            ) : null}
          </Text>
        );
      }}
    />
  );
}

// ---------------------------------------------------------------- call stack

/** "store:demo-lib" → "demo-lib" (stored scripts), other file names as they are. */
export function shortFile(file: string): string {
  return file.startsWith('store:') ? file.slice(6) : file;
}

export function StackPane({
  frames,
  selected,
  height,
  width,
  focused,
  entryFile,
  message,
  stale = false,
}: {
  frames: StackFrame[];
  selected: number;
  height: number;
  width: number;
  focused: boolean;
  entryFile: string;
  message: string | null;
  /** The frames are those of the last stop (the run is going on). */
  stale?: boolean;
}): React.ReactElement {
  const t = useTheme();
  if (message) {
    return (
      <Box height={height} width={width}>
        <Text {...t.muted} wrap="truncate">
          {message}
        </Text>
      </Box>
    );
  }
  return (
    <VirtualList
      items={frames}
      selected={selected}
      height={height}
      width={width}
      focused={focused}
      empty="No frames."
      renderRow={(f, _i, st) => {
        const where = f.file === entryFile ? `line ${f.line}` : `${shortFile(f.file)}:${f.line}`;
        // The function name matters most; the place gives way first.
        const nameW = Math.min(cellWidth(f.name), Math.max(st.width - 6, 1));
        const whereW = Math.max(st.width - nameW - 1, 0);
        return (
          <Text {...(stale && !st.selected ? t.muted : {})}>
            {fit(f.name, st.width - whereW - (whereW > 0 ? 1 : 0))}
            {whereW > 0 ? ' ' : ''}
            <Text {...(st.selected ? {} : t.muted)}>{fit(where, whereW, 'right')}</Text>
          </Text>
        );
      }}
    />
  );
}

// ---------------------------------------------------------------- watch list

export function watchText(w: Watch, paused: boolean): { value: string; error: boolean; muted: boolean } {
  if (!w.result) return { value: paused ? '…' : '(at the next stop)', error: false, muted: true };
  if (!w.result.ok) return { value: w.result.error, error: true, muted: w.stale };
  return { value: w.result.value.value, error: false, muted: w.stale };
}

export function WatchPane({
  watches,
  selected,
  height,
  width,
  focused,
  paused,
  input,
  onInput,
  hint,
}: {
  watches: Watch[];
  selected: number;
  height: number;
  width: number;
  focused: boolean;
  paused: boolean;
  /** The expression being typed, or null. */
  input: string | null;
  onInput: (value: string) => void;
  hint: string;
}): React.ReactElement {
  const t = useTheme();
  const listH = Math.max(height - 1, 0);
  return (
    <Box height={height} width={width} flexDirection="column" overflow="hidden">
      {listH > 0 ? (
        watches.length === 0 ? (
          <Box height={listH} width={width}>
            <Text {...t.muted} wrap="truncate">
              No watch expressions.
            </Text>
          </Box>
        ) : (
          <VirtualList
            items={watches}
            selected={Math.min(selected, watches.length - 1)}
            height={listH}
            width={width}
            focused={focused && input === null}
            renderRow={(w, _i, st) => {
              const v = watchText(w, paused);
              const head = truncate(w.expr, Math.max(Math.floor(st.width / 2), 4));
              const rest = Math.max(st.width - cellWidth(head) - 3, 0);
              return (
                <Text {...(v.muted && !st.selected ? t.muted : {})}>
                  {head}
                  <Text {...(st.selected ? {} : t.muted)}>{v.error ? ' ! ' : ' = '}</Text>
                  <Text {...(v.error && !st.selected ? t.error : {})}>{fit(v.value, rest)}</Text>
                </Text>
              );
            }}
          />
        )
      ) : null}
      {input !== null ? (
        <Box height={1}>
          <Text {...t.accent}>› </Text>
          <Field value={input} onChange={onInput} focused width={Math.max(width - 3, 4)} />
        </Box>
      ) : (
        <Text {...t.muted} wrap="truncate">
          {fit(hint, width)}
        </Text>
      )}
    </Box>
  );
}

// ---------------------------------------------------------------- output

export function OutputPane({ lines, top, height, width, tail }: { lines: Array<{ text: string; tone?: 'error' | 'muted' | 'success' }>; top: number | null; height: number; width: number; tail: string }): React.ReactElement {
  const t = useTheme();
  const start = top === null ? Math.max(lines.length - height, 0) : clampTop(top, lines.length, height);
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.length === 0 ? (
        <Text {...t.muted} wrap="truncate">
          {tail}
        </Text>
      ) : (
        visible.map((l, i) => (
          <Text key={start + i} wrap="truncate" {...(l.tone === 'error' ? t.error : l.tone === 'muted' ? t.muted : l.tone === 'success' ? t.success : {})}>
            {fit(sliceCells(l.text, 0, width), width)}
          </Text>
        ))
      )}
    </Box>
  );
}
