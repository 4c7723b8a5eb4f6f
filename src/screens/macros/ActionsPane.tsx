/**
 * The Actions view of the macro editor: the list of actions with their
 * problem marks, and under it the selected action's parameters, condition and
 * problems (or a short guide while the macro is empty).
 */
import React from 'react';
import { Box, Text } from 'ink';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { MACRO_ACTION_KEYS, MACRO_EDIT_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { MacroAction } from '../../store/schema.js';
import { describeCondition, findActionType, isAlways, type MacroProblem } from '../../macros/index.js';
import { actionGist, actionLabel, conditionSuffix, oneLine } from './model.js';
import { problemMark } from './ProblemsDialog.js';

export interface ActionsPaneProps {
  actions: MacroAction[];
  index: number;
  byAction: Map<number, MacroProblem[]>;
  width: number;
  listH: number;
  detailH: number;
}

export function ActionsPane({ actions, index, byAction, width, listH, detailH }: ActionsPaneProps): React.ReactElement {
  const t = useTheme();
  const selected = actions[index];
  const numW = String(Math.max(actions.length, 1)).length;
  const detail = selected ? actionDetail(selected, index, byAction.get(index) ?? [], width - 1) : [];
  const general = byAction.get(-1) ?? [];
  return (
    <>
      <VirtualList
        items={actions}
        selected={index}
        height={listH}
        width={width}
        empty=" No actions yet."
        renderRow={(a, i, st) => {
          const ps = byAction.get(i) ?? [];
          const mark = ps.some((p) => p.severity === 'error') ? '✗' : ps.length ? '!' : ' ';
          const gist = actionGist(a);
          return (
            <Text>
              <Text {...(st.selected ? {} : mark === '✗' ? t.error : t.warning)}>{mark}</Text>
              {fit(` ${String(i + 1).padStart(numW)}. ${actionLabel(a)}${gist ? `: ${gist}` : ''}${conditionSuffix(a)}`, Math.max(st.width - 1, 1))}
            </Text>
          );
        }}
      />
      <Text {...t.muted} wrap="truncate">
        {'─'.repeat(width)}
      </Text>
      <Box flexDirection="column" height={detailH} paddingLeft={1}>
        {(detail.length || general.length ? [...detail, ...general.map((p) => ({ text: `${problemMark(p)} ${p.message}`, tone: p.severity }))] : emptyGuide(width - 1))
          .slice(0, detailH)
          .map((l, i) => (
            <Text key={i} wrap="truncate" {...(l.tone === 'error' ? t.error : l.tone === 'warning' ? t.warning : l.tone === 'muted' ? t.muted : l.tone === 'accent' ? t.accent : {})}>
              {fit(l.text, width - 1)}
            </Text>
          ))}
      </Box>
    </>
  );
}

type DetailLine = { text: string; tone?: 'error' | 'warning' | 'muted' | 'accent' };

/** What to do in an empty macro. */
function emptyGuide(w: number): DetailLine[] {
  const key = displayMainKey;
  return [
    `The actions of a macro run one after the other. ${key(MACRO_ACTION_KEYS.add)} adds one: choose its type, then fill in its parameters and, if it should run only sometimes, its condition.`,
    `${key(MACRO_EDIT_KEYS.event)} chooses the event the macro is for, so that Choose parameter (Ctrl+P in a field) offers the event's input values.`,
    `${key(MACRO_EDIT_KEYS.save)} saves, ${key(MACRO_EDIT_KEYS.run)} runs, ${key(MACRO_EDIT_KEYS.script)} shows the macro as CRMScript.`,
  ].flatMap((p, i) => [...(i ? [{ text: '' }] : []), ...wrapText(p, w).map((text) => ({ text, tone: 'muted' as const }))]);
}

/** The selected action under the list: its parameters, its condition and its problems. */
function actionDetail(a: MacroAction, i: number, problems: MacroProblem[], w: number): DetailLine[] {
  const type = findActionType(a.type);
  const out: DetailLine[] = [{ text: `Action ${i + 1}: ${actionLabel(a)}`, tone: 'accent' }];
  const labelW = Math.min(Math.max(...(type?.params ?? []).map((p) => p.label.length), 9) + 1, 22);
  for (const spec of type?.params ?? []) {
    const v = a.params[spec.name] ?? '';
    if (v === '' && !spec.required) continue;
    out.push({ text: `${fit(spec.label, labelW)} ${v === '' ? '(missing)' : oneLine(v)}`, tone: v === '' ? 'error' : undefined });
  }
  out.push({ text: `${fit('Condition', labelW)} ${isAlways(a.condition) ? 'Always' : `only if ${oneLine(describeCondition(a.condition))}`}` });
  for (const p of problems) {
    for (const l of wrapText(`${problemMark(p)} ${p.message.replace(/^Action \d+( \([^)]*\))?: /, '')}`, w)) out.push({ text: l, tone: p.severity });
  }
  return out;
}
