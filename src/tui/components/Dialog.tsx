/**
 * Dialogs drawn over the screen, centred in `area` (the parent box, which
 * must be the positioning parent). A blank layer is drawn first so nothing of
 * the screen beneath shows through.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useKeys, type Binding } from '../keys.js';
import { CONFIRM_KEYS, displayMainKey, type KeyDef } from '../keymap.js';
import { useTheme } from '../theme.js';
import { fit, wrapText } from '../text.js';
import type { Size } from '../hooks.js';
import type { FlashKind } from '../services.js';
import { errorMessage } from '../../interp/util/error-message.js';

export interface DialogProps {
  title: string;
  area: Size;
  /** Outer width and height, border included (clamped to the area). */
  width: number;
  height: number;
  tone?: 'normal' | 'danger';
  children?: React.ReactNode;
}

export function Dialog({ title, area, width, height, tone = 'normal', children }: DialogProps): React.ReactElement {
  const t = useTheme();
  const w = Math.max(Math.min(width, area.width), 10);
  const h = Math.max(Math.min(height, area.height), 3);
  const x = Math.max(Math.floor((area.width - w) / 2), 0);
  const y = Math.max(Math.floor((area.height - h) / 3), 0);
  const color = t.noColor ? undefined : tone === 'danger' ? 'red' : 'cyan';
  const blank = ' '.repeat(w);
  return (
    <>
      <Box position="absolute" marginLeft={x} marginTop={y} flexDirection="column" width={w} height={h}>
        {Array.from({ length: h }, (_, i) => (
          <Text key={i}>{blank}</Text>
        ))}
      </Box>
      <Box
        position="absolute"
        marginLeft={x}
        marginTop={y}
        flexDirection="column"
        width={w}
        height={h}
        borderStyle={t.noColor ? 'double' : 'round'}
        borderColor={color}
        paddingX={1}
        overflow="hidden"
      >
        <Text bold wrap="truncate">
          {title}
        </Text>
        {children}
      </Box>
    </>
  );
}

/** A hint line: "y Yes   n No". */
export function KeyHints({ items }: { items: Array<{ def: KeyDef; label?: string }> }): React.ReactElement {
  const t = useTheme();
  return (
    <Text wrap="truncate">
      {items.map((it, i) => (
        <Text key={i}>
          {i > 0 ? '   ' : ''}
          <Text {...t.key}>{displayMainKey(it.def)}</Text> {it.label ?? it.def.label}
        </Text>
      ))}
    </Text>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: string;
  area: Size;
  yesLabel?: string;
  noLabel?: string;
  danger?: boolean;
  onYes: () => void;
  onNo: () => void;
}

/**
 * A message and a few answers, each a key (y/n, save/leave/stay, ...): the one body of the TUI's
 * questions (ConfirmDialog, the macro editor's leave question).
 */
export function ChoiceDialog({ title, message, area, danger = false, choices }: { title: string; message: string; area: Size; danger?: boolean; choices: Array<{ def: KeyDef; run: () => void; label?: string }> }): React.ReactElement {
  const width = Math.min(Math.max(44, Math.min(70, message.length + 6)), area.width);
  const lines = wrapText(message, width - 4);
  const bindings: Binding[] = choices.map((c) => ({ def: c.def, run: c.run, label: c.label }));
  useKeys({ title, level: 'modal', bindings });
  return (
    <Dialog title={title} area={area} width={width} height={lines.length + 5} tone={danger ? 'danger' : 'normal'}>
      {lines.map((l, i) => (
        <Text key={i}>{fit(l, width - 4)}</Text>
      ))}
      <Text> </Text>
      <KeyHints items={choices.map((c) => ({ def: c.def, label: c.label }))} />
    </Dialog>
  );
}

/** A yes/no question; y answers yes, n or Esc no. */
export function ConfirmDialog({ title, message, area, yesLabel, noLabel, danger = false, onYes, onNo }: ConfirmDialogProps): React.ReactElement {
  return (
    <ChoiceDialog
      title={title}
      message={message}
      area={area}
      danger={danger}
      choices={[
        { def: CONFIRM_KEYS.yes, run: onYes, label: yesLabel },
        { def: CONFIRM_KEYS.no, run: onNo, label: noLabel },
      ]}
    />
  );
}

/** Asks before a form or editor with unsaved changes is left; `message` says what would be lost. */
export function DiscardChangesDialog({ message, area, onDiscard, onKeep }: { message: string; area: Size; onDiscard: () => void; onKeep: () => void }): React.ReactElement {
  return <ConfirmDialog title="Discard the changes?" message={message} area={area} yesLabel="Discard" noLabel="Keep editing" onYes={onDiscard} onNo={onKeep} />;
}

export interface ConfirmDeleteProps<T> {
  /** "Delete script", "Delete the trigger?" */
  title: string;
  /** What goes, and what would be left pointing at nothing. */
  message: string;
  area: Size;
  /** Closes the dialog (called before `remove` runs, and on "Keep"). */
  onClose: () => void;
  /** Does the delete; a thrown error or rejected promise is shown in the status line. */
  remove: () => T | Promise<T>;
  /** Shown in the status line when `remove` succeeded (or computed from its result). */
  done?: string | ((result: T) => string);
  /** The status line (the tab's `tui.flash`). */
  flash: (text: string, kind?: FlashKind) => void;
}

/**
 * The one delete question of the TUI: "Delete" / "Keep", drawn as a danger
 * dialog; on yes it closes, deletes, and reports the outcome in the status line.
 */
export function ConfirmDelete<T>({ title, message, area, onClose, remove, done, flash }: ConfirmDeleteProps<T>): React.ReactElement {
  return (
    <ConfirmDialog
      title={title}
      message={message}
      area={area}
      yesLabel="Delete"
      noLabel="Keep"
      danger
      onNo={onClose}
      onYes={() => {
        onClose();
        Promise.resolve()
          .then(remove)
          .then(
            (r) => {
              const text = typeof done === 'function' ? done(r) : done;
              if (text) flash(text, 'success');
            },
            (e: unknown) => flash(errorMessage(e), 'error'),
          );
      }}
    />
  );
}
