/**
 * The outbox: every mail that macros and scripts sent, newest first, with
 * whether the SMTP server took it (sent) or it is still here (pending: no
 * SMTP settings, SMS only, or the server refused it). The selected message's
 * body shows below the list; Enter reads it whole.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { TextView, positionNote } from '../../tui/components/TextView.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS, OUTBOX_KEYS } from '../../tui/keymap.js';
import { useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { fit, formatDateTime, plural, toLines, wrapText } from '../../tui/text.js';
import type { Notification } from '../../store/schema.js';

/** Newest first. */
export function outboxItems(outbox: readonly Notification[]): Notification[] {
  return [...outbox].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id)));
}

export function messageHead(n: Notification, w: number): string[] {
  return [
    `To:      ${n.to || '(nobody)'}`,
    `Subject: ${n.subject || '(no subject)'}`,
    `Created: ${formatDateTime(n.createdAt)}`,
    `Status:  ${n.sentAt ? `sent ${formatDateTime(n.sentAt)}` : 'pending (kept in the outbox)'}`,
    ...(n.files?.length ? [`Files:   ${n.files.map((f) => `${f.name} (${f.contentType}, ${f.bytes} bytes)`).join(', ')}`] : []),
  ].flatMap((l) => wrapText(l, w));
}

export function messageBody(n: Notification, w: number): string[] {
  const body = toLines(n.body).flatMap((l) => (l === '' ? [''] : wrapText(l, w)));
  return body.length ? body : ['(empty message)'];
}

export function messageLines(n: Notification, w: number): string[] {
  return [...messageHead(n, w), '', ...messageBody(n, w)];
}

export function OutboxScreen({ size, onBack }: { size: Size; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const items = useMemo(() => outboxItems(data.outbox), [data.outbox]);
  const [sel, setSel] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const [reading, setReading] = useState(false);
  const [top, setTop] = useState(0);
  let index = sel.id === null ? -1 : items.findIndex((n) => n.id === sel.id);
  if (index < 0) index = Math.max(0, Math.min(sel.index, items.length - 1));
  const current = items[index];
  const pending = items.filter((n) => n.sentAt === null).length;
  const smtp = data.settings.smtp;

  const inner = size.width - 2;
  const infoH = 1;
  const bodyH = Math.max(size.height - 2 - infoH, 1);
  const listH = Math.max(Math.min(items.length, Math.floor((bodyH - 2) / 2)), 3);
  const previewH = Math.max(bodyH - listH - 2, 1);
  const fullLines = current && reading ? messageLines(current, inner - 1) : [];
  const readH = Math.max(size.height - 2, 1);
  const maxTop = Math.max(fullLines.length - readH, 0);

  const move = (f: (i: number) => number) =>
    setSel(() => {
      const i = Math.max(0, Math.min(f(index), items.length - 1));
      return { id: items[i]?.id ?? null, index: i };
    });
  const scroll = (f: (i: number) => number) => setTop((cur) => Math.max(0, Math.min(f(Math.min(cur, maxTop)), maxTop)));
  const listKeys: Binding[] = [
    ...listNavBindings(items.length, listH, move),
    {
      def: OUTBOX_KEYS.read,
      when: !!current,
      run: () => {
        setTop(0);
        setReading(true);
      },
    },
    { def: OUTBOX_KEYS.back, run: onBack },
  ];
  const readKeys: Binding[] = [
    { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
    { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
    { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - (readH - 1)), footer: false },
    { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + (readH - 1)), footer: false },
    { def: OUTBOX_KEYS.back, run: () => setReading(false), help: 'Back to the outbox' },
  ];
  useKeys({ title: reading ? 'Message' : 'Outbox', bindings: reading ? readKeys : listKeys });

  if (reading && current) {
    return (
      <Panel title={`Message: ${current.subject || '(no subject)'}`} note={positionNote(top, readH, fullLines.length)} width={size.width} height={size.height} focused>
        <Box paddingLeft={1}>
          <TextView lines={fullLines} top={top} height={readH} width={inner - 1} />
        </Box>
      </Panel>
    );
  }

  const whenW = 16;
  const statusW = 7;
  const rest = Math.max(inner - 2 - whenW - statusW - 3, 10);
  const toW = Math.max(Math.round(rest * 0.4), 6);
  const subjW = Math.max(rest - toW, 4);
  const preview = current ? [...messageHead(current, inner - 1).slice(0, 2), '', ...messageBody(current, inner - 1)] : [];
  const note = items.length ? `${plural(items.length, 'message')} · ${pending} pending` : '';
  return (
    <Panel title="Outbox: mail sent by macros and scripts" note={note} width={size.width} height={size.height} focused>
      <Text {...t.muted} wrap="truncate">
        {' '}
        {smtp ? `SMTP server ${smtp.host}:${smtp.port}: sent mail is recorded here, mail it refused stays pending.` : 'No SMTP server is set up, so mail stays here (pending) instead of being sent.'}
      </Text>
      <Text {...t.muted} wrap="truncate">
        {' '}
        {fit('Created', whenW)} {fit('Status', statusW)} {fit('To', toW)} {fit('Subject', subjW)}
      </Text>
      <VirtualList
        items={items}
        selected={index}
        height={listH}
        width={inner}
        empty="No mail yet. What macros (Send an email) and scripts (Email.send) send shows up here."
        renderRow={(n, _i, st) => (
          <Text>
            {fit(formatDateTime(n.createdAt), whenW)} <Text {...(st.selected ? {} : n.sentAt ? t.success : t.warning)}>{fit(n.sentAt ? 'sent' : 'pending', statusW)}</Text> {fit(n.to, toW)}{' '}
            {fit(n.subject || '(no subject)', subjW)}
          </Text>
        )}
      />
      {current ? (
        <>
          <Text {...t.muted} wrap="truncate">
            {'─'.repeat(inner)}
          </Text>
          <Box paddingLeft={1} flexDirection="column">
            <TextView lines={preview} top={0} height={previewH} width={inner - 1} empty="(empty message)" />
          </Box>
        </>
      ) : null}
    </Panel>
  );
}
