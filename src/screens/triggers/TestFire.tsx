/**
 * Test-firing an event: the event's input values (pre-filled with the catalog's names, values
 * typed by the operator) on the left, the outcome on the right: blocked or not, message,
 * navigate-to, output and state values, and each binding's output and errors.
 */
import { crmRunState } from '../crm/run-state.js';
import React, { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { TextView, clampTop, positionNote } from '../../tui/components/TextView.js';
import { Field } from '../../tui/components/Field.js';
import { Spinner } from '../../tui/components/Spinner.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS } from '../../tui/keymap.js';
import { useNow, useStoreBridge, type Size } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { fit, formatDuration, wrapText } from '../../tui/text.js';
import type { TriggerEvent } from '../../triggers/catalog.js';
import { fireEvent, type FireOutcome } from '../../run/fire.js';
import { FIRE_KEYS, VALUE_KEYS } from './keys.js';
import { eventSummary, initialInputs, inputValues, outcomeLines, type InputRow } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { getRunValues, rememberedEventInputs, setRunValues } from '../../store/repos.js';
import type { TargetKind } from '../../store/schema.js';

/** The catalog's rows with remembered values filled in; remembered names the catalog lacks are added as custom inputs. */
function withRemembered(rows: InputRow[], remembered: Record<string, string>): InputRow[] {
  const out = rows.map((r) => (r.name in remembered ? { ...r, value: remembered[r.name]! } : r));
  for (const [name, value] of Object.entries(remembered)) if (!out.some((r) => r.name === name)) out.push({ name, value, custom: true });
  return out;
}

/** The binding the operator fired from (its script or macro's remembered input values come first). */
export interface FireTarget {
  kind: TargetKind;
  id: string;
}

export interface TestFireProps {
  event: TriggerEvent;
  target?: FireTarget;
  size: Size;
  tui: TuiServices;
  onBack: () => void;
}

type Editing = { kind: 'value'; name: string; text: string } | { kind: 'newName'; text: string } | null;

export function TestFire({ event, target, size, tui, onBack }: TestFireProps): React.ReactElement {
  const t = useTheme();
  const bridge = useStoreBridge();
  const [rows, setRows] = useState<InputRow[]>(() => withRemembered(initialInputs(event), rememberedEventInputs(bridge.store.read(), event.name, target)));
  const [sel, setSel] = useState(0);
  const filter = useListFilter(() => setSel(0));
  const [editing, setEditing] = useState<Editing>(null);
  const [focus, setFocus] = useState<'inputs' | 'outcome'>('inputs');
  const [outcome, setOutcome] = useState<FireOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [firing, setFiring] = useState<{ startedAt: number; abort: AbortController } | null>(null);
  const [top, setTop] = useState(0);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  // A firing still running when the screen closes is stopped.
  const firingRef = useRef(firing);
  firingRef.current = firing;
  useEffect(() => () => firingRef.current?.abort.abort(), []);
  const now = useNow(200, !!firing);

  const visible = filterItems(rows, filter.value, (r) => r.name);
  const index = Math.max(0, Math.min(sel, visible.length - 1));
  const row = visible[index];

  // ---- layout: inputs on the left, outcome on the right
  const leftW = Math.max(Math.min(Math.round(size.width * 0.55), 64), 24);
  const rightW = Math.max(size.width - leftW, 20);
  const headH = 1;
  const paneH = Math.max(size.height - headH, 4);
  const listH = Math.max(paneH - 2 - (filter.shown ? 1 : 0) - (editing ? 1 : 0), 1);
  const outW = Math.max(rightW - 4, 10);
  const outH = Math.max(paneH - 2, 1);
  const lines = outcome ? outcomeLines(outcome, outW) : failure ? wrapText(failure, outW) : [];
  const outTop = clampTop(top, lines.length, outH);
  const longest = rows.reduce((m, r) => Math.max(m, r.name.length + (r.custom ? 2 : 0)), 4);
  const nameW = Math.max(Math.min(longest, Math.round((leftW - 4) * 0.62)), 8);
  const valueW = Math.max(leftW - 4 - nameW - 1, 4);

  const fire = async () => {
    if (firing) return;
    const abort = new AbortController();
    setFiring({ startedAt: Date.now(), abort });
    setFailure(null);
    try {
      // What was fired with becomes the input values remembered for the chosen binding's target.
      if (target) await rememberInputs(target, inputValues(rows));
      const o = await fireEvent(bridge.store, event.name, inputValues(rows), { user: tui.user, source: 'tui', signal: abort.signal, fillInputs: true, rollback: crmRunState.get().rollback });
      if (!mounted.current) return;
      setOutcome(o);
      setTop(0);
      bridge.notify(); // the bindings' last outcome changed
    } catch (e) {
      if (!mounted.current) return;
      setOutcome(null);
      setFailure(errorMessage(e));
    } finally {
      if (mounted.current) setFiring(null);
    }
  };

  const rememberInputs = (to: FireTarget, inputs: Record<string, string>) =>
    bridge
      .update((d) => {
        const exists = to.kind === 'script' ? d.scripts.some((x) => x.id === to.id) : d.macros.some((x) => x.id === to.id);
        if (exists) setRunValues(d, to.kind, to.id, { variables: getRunValues(d, to.kind, to.id).variables, inputs });
      })
      .catch(() => undefined); // remembering is a convenience: the firing goes on

  const setValue = (name: string, value: string) => setRows((all) => all.map((r) => (r.name === name ? { ...r, value } : r)));
  const addInput = (name: string) => {
    const n = name.trim();
    if (n === '') return;
    setRows((all) => (all.some((r) => r.name === n) ? all : [...all, { name: n, value: '', custom: true }]));
    filter.clear();
    setEditing({ kind: 'value', name: n, text: rows.find((r) => r.name === n)?.value ?? '' });
    setSel(rows.some((r) => r.name === n) ? rows.findIndex((r) => r.name === n) : rows.length);
  };

  const editText = (text: string) => setEditing((e) => (e ? { ...e, text } : e));

  // ---- keys
  let bindings: Binding[];
  let title = `Test-fire ${event.name}`;
  if (firing) {
    title = 'Firing';
    bindings = [{ def: FIRE_KEYS.stop, run: () => firing.abort.abort() }];
  } else if (editing) {
    title = editing.kind === 'value' ? `Value of ${editing.name}` : 'New input name';
    bindings = [
      {
        def: VALUE_KEYS.accept,
        run: () => {
          if (editing.kind === 'value') setValue(editing.name, editing.text);
          else return addInput(editing.text);
          setEditing(null);
        },
      },
      { def: VALUE_KEYS.cancel, run: () => setEditing(null) },
    ];
  } else if (filter.typing) {
    title = 'Filter inputs';
    bindings = filter.typingKeys((by) => setSel((i) => Math.max(0, Math.min(Math.min(i, visible.length - 1) + by, visible.length - 1))));
  } else if (focus === 'outcome') {
    const page = Math.max(outH - 1, 1);
    const scroll = (f: (i: number) => number) => setTop((i) => clampTop(f(clampTop(i, lines.length, outH)), lines.length, outH));
    bindings = [
      { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
      { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
      { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - page), footer: false },
      { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + page), footer: false },
      { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
      { def: NAV_KEYS.bottom, run: () => scroll(() => lines.length), footer: false },
      { def: FIRE_KEYS.fire, run: () => void fire() },
      { def: FIRE_KEYS.toInputs, run: () => setFocus('inputs') },
      { def: FIRE_KEYS.back, run: onBack },
    ];
  } else {
    bindings = [
      ...listNavBindings(visible.length, listH, (f) => setSel((i) => Math.max(0, Math.min(f(Math.min(i, visible.length - 1)), visible.length - 1)))),
      { def: FIRE_KEYS.fire, run: () => void fire() },
      { def: FIRE_KEYS.edit, when: !!row, run: () => row && setEditing({ kind: 'value', name: row.name, text: row.value }) },
      { def: FIRE_KEYS.clear, when: !!row && row.value !== '', run: () => row && setValue(row.name, ''), footer: false },
      { def: FIRE_KEYS.clearAll, when: rows.some((r) => r.value !== ''), run: () => setRows((all) => all.map((r) => ({ ...r, value: '' }))), footer: false },
      { def: FIRE_KEYS.add, run: () => setEditing({ kind: 'newName', text: '' }) },
      { def: NAV_KEYS.filter, run: filter.start },
      { def: FIRE_KEYS.toOutcome, when: lines.length > 0, run: () => setFocus('outcome') },
      filter.clearKey(),
      { def: FIRE_KEYS.back, run: onBack },
    ];
  }
  useKeys({ title, bindings, capture: !!(editing || filter.typing || firing) });

  // ---- drawing
  const filled = rows.filter((r) => r.value !== '').length;
  const elapsed = firing ? formatDuration(now - firing.startedAt) : '';
  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Box height={headH}>
        <Text wrap="truncate">
          <Text {...t.accent}>{event.name}</Text>
          <Text {...t.muted}> {fit(eventSummary(event), Math.max(size.width - event.name.length - 1, 0))}</Text>
        </Text>
      </Box>
      <Box height={paneH}>
        <Panel title="Input values" note={`${filled} filled`} width={leftW} height={paneH} focused={focus === 'inputs' && !firing}>
          {filter.shown ? (
            <Box height={1}>
              <Text {...t.muted}>/</Text>
              <Field value={filter.value} onChange={filter.set} focused={filter.typing} width={leftW - 4} placeholder="filter names" />
            </Box>
          ) : null}
          <VirtualList
            items={visible}
            selected={index}
            height={listH}
            width={leftW - 2}
            focused={focus === 'inputs'}
            empty={rows.length === 0 ? 'This event has no input values; press a to add one.' : 'No input matches the filter.'}
            renderRow={(r) => `${fit(r.name + (r.custom ? ' *' : ''), nameW)} ${fit(r.value === '' ? '·' : r.value, valueW)}`}
          />
          {editing?.kind === 'value' ? (
            <Box height={1}>
              <Text {...t.muted}>{fit(editing.name, nameW)} </Text>
              <Field value={editing.text} onChange={editText} focused width={valueW} />
            </Box>
          ) : null}
          {editing?.kind === 'newName' ? (
            <Box height={1}>
              <Text {...t.muted}>name: </Text>
              <Field value={editing.text} onChange={editText} focused width={leftW - 10} placeholder="e.g. SaleEntity.Amount" />
            </Box>
          ) : null}
        </Panel>
        <Panel
          title="Outcome"
          note={firing ? elapsed : outcome ? positionNote(outTop, outH, lines.length) : ''}
          width={rightW}
          height={paneH}
          focused={focus === 'outcome'}
        >
          {firing ? (
            <Box paddingX={1}>
              <Spinner label={`firing ${event.name}… ${elapsed}`} />
            </Box>
          ) : (
            <Box paddingX={1}>
              <OutcomeView lines={lines} top={outTop} height={outH} width={outW} blocked={outcome?.blocked ?? false} failure={!!failure} />
            </Box>
          )}
        </Panel>
      </Box>
    </Box>
  );
}

function OutcomeView({ lines, top, height, width, blocked, failure }: { lines: string[]; top: number; height: number; width: number; blocked: boolean; failure: boolean }): React.ReactElement {
  const t = useTheme();
  if (lines.length === 0) {
    return (
      <Text {...t.muted} wrap="truncate">
        {fit('Type values on the left, then press f to fire.', width)}
      </Text>
    );
  }
  // The first line says whether the event was blocked: make it stand out.
  if (top === 0) {
    return (
      <Box flexDirection="column" height={height}>
        <Text wrap="truncate" {...(failure || blocked ? t.error : t.success)}>
          {fit(lines[0]!, width)}
        </Text>
        <TextView lines={lines.slice(1)} top={0} height={Math.max(height - 1, 1)} width={width} />
      </Box>
    );
  }
  return <TextView lines={lines} top={top} height={height} width={width} />;
}
