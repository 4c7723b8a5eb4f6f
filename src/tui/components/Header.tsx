/** The top line: the tabs, and the data directory with the store status on the right. */
import React from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { cellWidth, truncate } from '../text.js';

export interface HeaderProps {
  tabs: ReadonlyArray<{ title: string; short: string }>;
  active: number;
  width: number;
  /** Right-hand status, e.g. "~/.local/share/crmscript-tui". */
  status: string;
  statusTone?: 'normal' | 'error';
}

/** Full titles when they fit with room to spare, else short ones. */
export function tabLabels(tabs: HeaderProps['tabs'], width: number): string[] {
  const full = tabs.map((t, i) => ` ${i + 1} ${t.title} `);
  const len = full.reduce((n, s) => n + cellWidth(s), 0) + tabs.length;
  if (len <= width) return full;
  return tabs.map((t, i) => ` ${i + 1} ${t.short} `);
}

export function Header({ tabs, active, width, status, statusTone = 'normal' }: HeaderProps): React.ReactElement {
  const t = useTheme();
  const labels = tabLabels(tabs, width);
  const used = labels.reduce((n, s) => n + cellWidth(s), 0) + labels.length;
  const room = width - used - 2;
  const right = room >= 12 ? truncateLeft(status, room) : '';
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        {labels.map((l, i) => (
          <Text key={i}>
            {i === active ? <Text {...t.activeTab}>{l}</Text> : <Text>{l}</Text>}
            {' '}
          </Text>
        ))}
      </Text>
      <Box flexGrow={1} />
      {right ? (
        <Text {...(statusTone === 'error' ? t.error : t.muted)} wrap="truncate">
          {right}{' '}
        </Text>
      ) : null}
    </Box>
  );
}

/** Keep the end of a path: "…/share/crmscript-tui". */
function truncateLeft(s: string, w: number): string {
  if (cellWidth(s) <= w) return s;
  const rev = [...s].reverse().join('');
  return '…' + [...truncate(rev, w - 1).replace(/…$/, '')].reverse().join('');
}
