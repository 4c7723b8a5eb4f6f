/** The top line: the tabs, the data directory with the store status, and whether a daemon serves the store. */
import React, { useContext, useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { cellWidth, truncate } from '../text.js';
import { StoreContext } from '../hooks.js';
import { daemonStatus } from '../../daemon/status.js';

/** How often the header looks at the daemon's heartbeat file. */
export const DAEMON_POLL_MS = 3000;

/**
 * Whether a daemon serves the store in `dataDir` (null while unknown or
 * without a store), read now and every `ms`.
 */
export function useDaemonRunning(dataDir: string | null, ms = DAEMON_POLL_MS): boolean | null {
  const read = () => (dataDir ? daemonStatus(dataDir).running : null);
  const [running, setRunning] = useState<boolean | null>(read);
  useEffect(() => {
    if (!dataDir) return;
    setRunning(daemonStatus(dataDir).running);
    const timer = setInterval(() => setRunning(daemonStatus(dataDir).running), ms);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [dataDir, ms]);
  return running;
}

export interface HeaderProps {
  tabs: ReadonlyArray<{ title: string; short: string }>;
  active: number;
  width: number;
  /** Right-hand status, e.g. "~/.local/share/crmscript-tui". */
  status: string;
  statusTone?: 'normal' | 'error';
  /** Daemon state to show; default: read from the store's data dir (when there is a store). */
  daemon?: boolean | null;
}

/** Full titles when they fit with room to spare, else short ones. */
export function tabLabels(tabs: HeaderProps['tabs'], width: number): string[] {
  const full = tabs.map((t, i) => ` ${i + 1} ${t.title} `);
  const len = full.reduce((n, s) => n + cellWidth(s), 0) + tabs.length;
  if (len <= width) return full;
  return tabs.map((t, i) => ` ${i + 1} ${t.short} `);
}

export function Header({ tabs, active, width, status, statusTone = 'normal', daemon }: HeaderProps): React.ReactElement {
  const t = useTheme();
  const bridge = useContext(StoreContext);
  const polled = useDaemonRunning(daemon === undefined ? (bridge?.store.dataDir ?? null) : null);
  const running = daemon === undefined ? polled : daemon;
  const labels = tabLabels(tabs, width);
  const used = labels.reduce((n, s) => n + cellWidth(s), 0) + labels.length;
  const daemonText = running === null ? '' : running ? 'daemon ●' : 'no daemon';
  const daemonW = daemonText ? cellWidth(daemonText) + 1 : 0;
  const room = width - used - 2 - (daemonW ? daemonW + 1 : 0);
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
      {daemonText && width - used >= daemonW ? (
        <Text {...(running ? t.success : t.muted)} wrap="truncate">
          {right ? ' ' : ''}
          {daemonText}{' '}
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
