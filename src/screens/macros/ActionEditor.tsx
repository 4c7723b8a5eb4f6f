/**
 * Editing one macro action: its parameters (text, several lines, fixed
 * choices, a script) and its condition ("Always", or only if a value compares
 * to another). Ctrl+P inserts a reference (event input, variable, earlier
 * result) at the cursor; the action's problems show as you type.
 */
import React, { useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { DiscardChangesDialog, KeyHints } from '../../tui/components/Dialog.js';
import { TextInput, applyTextKey, textState, type TextState } from '../../tui/components/TextInput.js';
import { ChoiceControl, useTypeAhead } from '../../tui/components/Form.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { ACTION_EDIT_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import type { MacroAction, MacroCondition, StoreData } from '../../store/schema.js';
import {
  OPERATORS,
  findActionType,
  findOperator,
  isAlways,
  listParameterSources,
  validateMacro,
  type ParamSpec,
} from '../../macros/index.js';
import { LINE_BREAK, fromFieldText, insertAt, toFieldText } from './model.js';
import { ParamPicker } from './ParamPicker.js';
import { EventChooser } from './EventChooser.js';
import { problemMark } from './ProblemsDialog.js';

type FieldKind = 'param' | 'when' | 'left' | 'op' | 'right';

interface Field {
  key: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  /** Typed text (else a choice among `options`). */
  text: boolean;
  multiline: boolean;
  references: boolean;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint: string;
  spec?: ParamSpec;
}

const WHEN = [
  { value: 'always', label: 'Always' },
  { value: 'if', label: 'Only if…' },
];
const OPS = OPERATORS.map((o) => ({ value: o.op, label: o.label }));

export interface ActionEditorProps {
  area: Size;
  data: StoreData;
  /** 0-based position of the action in the macro. */
  index: number;
  /** The macro's actions with this one at `index` (as it was when editing started). */
  actions: readonly MacroAction[];
  isNew: boolean;
  macroName: string;
  eventName: string | null;
  boundEvents: readonly string[];
  onEventChange: (event: string | null) => void;
  onDone: (action: MacroAction) => void;
  onCancel: () => void;
}

function scriptOptions(data: StoreData, current: string): Array<{ value: string; label: string }> {
  const out = data.scripts
    .filter((s) => s.includeId !== '')
    .map((s) => ({ value: s.includeId, label: `${s.includeId} (${s.name})` }))
    .sort((a, b) => a.value.localeCompare(b.value));
  if (out.length > 0 && current !== '' && !out.some((o) => o.value === current)) out.unshift({ value: current, label: `${current} (no such script)` });
  if (out.length > 0 && current === '') out.unshift({ value: '', label: '(choose a script)' });
  return out;
}

export function ActionEditor(props: ActionEditorProps): React.ReactElement {
  const { area, data, index, actions, isNew, macroName, eventName, boundEvents, onEventChange, onDone, onCancel } = props;
  const t = useTheme();
  const tui = useTui();
  const initial = actions[index]!;
  const type = findActionType(initial.type);
  const cond = initial.condition;

  const [texts, setTexts] = useState<Record<string, TextState>>(() => {
    const out: Record<string, TextState> = {};
    for (const [k, v] of Object.entries(initial.params)) out[k] = textState(toFieldText(v));
    out.left = textState(isAlways(cond) ? '' : toFieldText(cond.left));
    out.right = textState(isAlways(cond) ? '' : toFieldText(cond.right));
    return out;
  });
  const [choices, setChoices] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const spec of type?.params ?? []) {
      if (spec.input === 'choice') out[spec.name] = initial.params[spec.name] || spec.default || spec.choices?.[0] || '';
      if (spec.input === 'script') out[spec.name] = initial.params[spec.name] ?? '';
    }
    out.when = isAlways(cond) ? 'always' : 'if';
    out.op = isAlways(cond) ? 'equals' : cond.op;
    return out;
  });
  const [focus, setFocus] = useState(0);
  const [picker, setPicker] = useState<'param' | 'event' | null>(null);
  const [askDiscard, setAskDiscard] = useState(false);
  const typeAhead = useTypeAhead();

  // ---- fields
  const fields: Field[] = useMemo(() => {
    const out: Field[] = [];
    for (const spec of type?.params ?? []) {
      const scriptOpts = spec.input === 'script' ? scriptOptions(data, choices[spec.name] ?? '') : [];
      const isChoice = spec.input === 'choice' || scriptOpts.length > 0;
      out.push({
        key: spec.name,
        kind: 'param',
        label: spec.label,
        required: spec.required,
        text: !isChoice,
        multiline: spec.input === 'text',
        references: spec.references && !isChoice,
        options: spec.input === 'choice' ? (spec.choices ?? []).map((c) => ({ value: c, label: c })) : scriptOpts,
        hint: spec.help,
        spec,
      });
    }
    out.push({ key: 'when', kind: 'when', label: 'Condition', required: false, text: false, multiline: false, references: false, options: WHEN, hint: 'Always run this action, or only when a comparison holds.' });
    if (choices.when === 'if') {
      const op = findOperator(choices.op ?? '');
      out.push({ key: 'left', kind: 'left', label: '  Value', required: false, text: true, multiline: false, references: true, options: [], hint: 'The value to test, usually a reference (Ctrl+P).' });
      out.push({ key: 'op', kind: 'op', label: '  Operator', required: false, text: false, multiline: false, references: false, options: OPS, hint: op?.help ?? '' });
      if (!op || op.binary) {
        out.push({ key: 'right', kind: 'right', label: '  Compared with', required: false, text: true, multiline: false, references: true, options: [], hint: 'The value to compare with; may contain references (Ctrl+P).' });
      }
    }
    return out;
  }, [type, data, choices]);
  const fi = Math.max(0, Math.min(focus, fields.length - 1));
  const current = fields[fi]!;

  // ---- the action as edited
  const build = (): MacroAction => {
    const params: Record<string, string> = {};
    for (const k of Object.keys(initial.params)) params[k] = initial.params[k]!;
    for (const spec of type?.params ?? []) {
      const f = fields.find((x) => x.key === spec.name);
      // A choice left at its default stays empty, as a new action has it.
      if (f && !f.text) params[spec.name] = choices[spec.name] === spec.default && !initial.params[spec.name] ? '' : (choices[spec.name] ?? '');
      else params[spec.name] = fromFieldText(texts[spec.name]?.value ?? '');
      if (params[spec.name] === '' && !(spec.name in initial.params)) delete params[spec.name];
    }
    let condition: MacroCondition = { kind: 'always' };
    if (choices.when === 'if') {
      const op = findOperator(choices.op ?? '');
      condition = { left: fromFieldText(texts.left?.value ?? ''), op: choices.op ?? 'equals', right: op && !op.binary ? '' : fromFieldText(texts.right?.value ?? '') };
    }
    return { type: initial.type, params, condition };
  };
  const edited = build();
  const editedText = JSON.stringify(edited);
  const pristine = useRef(editedText);
  const changed = editedText !== pristine.current;
  useUnsaved(changed ? `action ${index + 1} of the macro "${macroName}"` : null);

  const withEdited = actions.map((a, i) => (i === index ? edited : a));
  const problems = validateMacro({ actions: withEdited }, { data, eventName: eventName ?? undefined }).filter((p) => p.action === index);
  const fieldProblem = (f: Field) => problems.some((p) => p.field === f.key || (p.field === 'condition' && (f.kind === 'left' || f.kind === 'right' || f.kind === 'op')));

  // ---- actions
  const move = (d: number) => setFocus((i) => (Math.max(0, Math.min(i, fields.length - 1)) + d + fields.length) % fields.length);
  const setText = (key: string, f: (s: TextState) => TextState | null) =>
    setTexts((all) => {
      const next = f(all[key] ?? textState(''));
      return next ? { ...all, [key]: next } : all;
    });
  const cycle = (d: number) => {
    if (current.text || current.options.length === 0) return;
    setChoices((c) => {
      const i = current.options.findIndex((o) => o.value === c[current.key]);
      const next = current.options[(i + d + current.options.length) % current.options.length]!;
      return { ...c, [current.key]: next.value };
    });
  };
  const done = () => onDone(build());
  const openParams = () => {
    if (!current.text || !current.references) {
      tui.flash(
        current.text || current.kind === 'param'
          ? `The ${current.label.trim().toLowerCase()} cannot contain references; type its value.`
          : 'Choose parameter works in the text fields (go to one with Tab).',
        'error',
      );
      return;
    }
    setPicker('param');
  };
  const external = async () => {
    if (!current.text) return;
    const out = await tui.editText(fromFieldText(texts[current.key]?.value ?? ''), `${current.key}.txt`);
    if (out.kind === 'failed') tui.flash(out.message, 'error');
    else if (out.kind === 'changed') setText(current.key, () => textState(toFieldText(out.text.replace(/\r?\n$/, ''))));
  };
  const last = fi === fields.length - 1;
  const bindings: Binding[] = [
    { def: ACTION_EDIT_KEYS.next, run: () => move(1), footer: false },
    { def: ACTION_EDIT_KEYS.prev, run: () => move(-1), footer: false },
    { def: ACTION_EDIT_KEYS.enter, run: () => (last ? done() : move(1)), label: last ? 'Done' : 'Next field', help: ACTION_EDIT_KEYS.enter.help },
    { def: ACTION_EDIT_KEYS.done, run: done },
    { def: ACTION_EDIT_KEYS.choose, when: !current.text, run: (_i, key) => cycle(key.leftArrow ? -1 : 1) },
    { def: ACTION_EDIT_KEYS.param, run: openParams, when: current.text && current.references },
    { def: ACTION_EDIT_KEYS.newline, when: current.text && current.multiline, run: () => setText(current.key, (s) => ({ ...s, ...insertAt(s.value, s.cursor, LINE_BREAK) })) },
    { def: ACTION_EDIT_KEYS.external, when: current.text, run: () => void external(), footer: false },
    { def: ACTION_EDIT_KEYS.cancel, run: () => (changed ? setAskDiscard(true) : onCancel()) },
  ];
  useKeys({
    title: `Action ${index + 1}: ${type?.label ?? initial.type}`,
    level: 'modal',
    active: picker === null && !askDiscard,
    bindings,
    onText: (input, key) => {
      if (current.text) {
        setText(current.key, (s) => applyTextKey(s, input, key));
        return true;
      }
      return typeAhead(input, key, current.options, (value) => setChoices((c) => ({ ...c, [current.key]: value })));
    },
  });

  // ---- layout
  const inner = area.width - 4;
  const labelW = Math.min(Math.max(...fields.map((f) => f.label.length + (f.required ? 2 : 0))) + 2, Math.floor(inner / 2));
  const valueW = Math.max(inner - labelW - 2, 8);
  const helpLines = wrapText(type?.help ?? `"${initial.type}" is not an action type this version knows; it can only be deleted.`, inner).slice(0, 2);
  const problemLines = problems.flatMap((p) => wrapText(`${problemMark(p)} ${p.message.replace(/^Action \d+( \([^)]*\))?: /, '')}`, inner)).slice(0, 3);
  const footH = Math.max(problemLines.length, 1) + 1; // problems (or "no problems"), key hints
  const bodyH = Math.max(area.height - 2 - helpLines.length - 1 - footH, 2);

  const rows: Array<{ node: React.ReactNode; field: number }> = [];
  fields.forEach((f, i) => {
    const focused = i === fi && picker === null && !askDiscard;
    let control: React.ReactNode;
    if (f.text) {
      control = <TextInput state={texts[f.key] ?? textState('')} focused={focused} width={valueW} placeholder={f.required ? 'required' : ''} />;
    } else {
      control = <ChoiceControl label={f.options.find((o) => o.value === choices[f.key])?.label ?? ''} width={valueW} focused={focused} />;
    }
    const bad = fieldProblem(f);
    rows.push({
      field: i,
      node: (
        <Box key={f.key} height={1}>
          <Text {...(i === fi ? t.accent : bad ? t.error : {})}>
            {i === fi ? '›' : bad ? problemMark(problems.find((p) => p.field === f.key) ?? problems[0]!) : ' '}
            {fit(f.label + (f.required ? ' *' : ''), labelW)}
          </Text>
          <Box width={valueW + 1}>{control}</Box>
        </Box>
      ),
    });
    if (i === fi && f.hint) {
      for (const l of wrapText(f.hint, valueW).slice(0, 2)) {
        rows.push({
          field: i,
          node: (
            <Text key={`${f.key}-h-${rows.length}`} {...t.muted} wrap="truncate">
              {' '.repeat(labelW + 1)}
              {l}
            </Text>
          ),
        });
      }
    }
  });
  // Keep the focused field (and its hint) in view.
  const firstRow = rows.findIndex((r) => r.field === fi);
  const lastRow = rows.length - 1 - [...rows].reverse().findIndex((r) => r.field === fi);
  let top = 0;
  if (rows.length > bodyH) top = Math.max(0, Math.min(firstRow, Math.max(lastRow - bodyH + 1, 0), rows.length - bodyH));
  const visible = rows.slice(top, top + bodyH);

  const hints = [
    { def: ACTION_EDIT_KEYS.done },
    ...(current.text && current.references ? [{ def: ACTION_EDIT_KEYS.param, label: 'Choose parameter' }] : []),
    ...(current.text && current.multiline ? [{ def: ACTION_EDIT_KEYS.newline }] : []),
    ...(!current.text ? [{ def: ACTION_EDIT_KEYS.choose }] : []),
    { def: ACTION_EDIT_KEYS.cancel },
  ];
  const note = isNew ? 'new' : '';
  return (
    <Box width={area.width} height={area.height}>
      <Panel title={`Action ${index + 1} of ${actions.length}: ${type?.label ?? initial.type}`} note={note} width={area.width} height={area.height} focused>
        {helpLines.map((l, i) => (
          <Text key={`help${i}`} {...t.muted} wrap="truncate">
            {' '}
            {l}
          </Text>
        ))}
        <Text> </Text>
        <Box flexDirection="column" height={bodyH} paddingLeft={1}>
          {visible.map((r) => r.node)}
        </Box>
        {problemLines.length === 0 ? (
          <Text {...t.success}> ✓ No problems in this action.</Text>
        ) : (
          problemLines.map((l, i) => (
            <Text key={`p${i}`} {...t.error} wrap="truncate">
              {' '}
              {l}
            </Text>
          ))
        )}
        <Box paddingLeft={1}>
          <KeyHints items={hints} />
        </Box>
      </Panel>
      {picker === 'param' ? (
        <ParamPicker
          area={area}
          target={`${current.label.trim().toLowerCase()} of action ${index + 1}`}
          sources={listParameterSources({ actions: withEdited }, index, eventName ?? undefined)}
          eventName={eventName}
          onCancel={() => setPicker(null)}
          onChooseEvent={() => setPicker('event')}
          onInsert={(ref) => {
            setText(current.key, (s) => ({ ...s, ...insertAt(s.value, s.cursor, ref) }));
            setPicker(null);
          }}
        />
      ) : null}
      {picker === 'event' ? (
        <EventChooser
          area={area}
          current={eventName}
          bound={boundEvents}
          onCancel={() => setPicker('param')}
          onChoose={(e) => {
            onEventChange(e);
            setPicker('param');
          }}
        />
      ) : null}
      {askDiscard ? (
        <DiscardChangesDialog message={`The changes to action ${index + 1} are not kept.`} area={area} onDiscard={onCancel} onKeep={() => setAskDiscard(false)} />
      ) : null}
    </Box>
  );
}
