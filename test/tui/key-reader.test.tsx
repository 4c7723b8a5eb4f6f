// The app's one key reader (useKeyInput) and a text field taking turns: a key sent the moment the
// screen shows that a field closed must reach the screen below it. Ink's React runs useInput's
// subscription in a passive effect, after the frame; a key read before that went nowhere (seen as
// an Enter lost right after "Created the script" in the end-to-end test on a loaded machine).
import React, { useState } from 'react';
import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Box, Text } from 'ink';
import { KeyRegistry, KeyRegistryContext, useKeyInput, useKeys } from '../../src/tui/keys.js';
import { Field } from '../../src/tui/components/Field.js';
import { KEY, settle } from './helpers.js';

afterEach(() => cleanup());

function Form({ onSave }: { onSave: () => void }) {
  const [value, setValue] = useState('draft');
  useKeys({ title: 'Form', level: 'modal', bindings: [{ def: { keys: ['ctrl+s'], label: 'Save' }, run: onSave }] });
  return <Field value={value} onChange={setValue} focused width={12} />;
}

function List({ onOpen }: { onOpen: () => void }) {
  useKeys({ title: 'List', bindings: [{ def: { keys: ['enter'], label: 'Open' }, run: onOpen }] });
  return <Text>LIST</Text>;
}

function App({ registry, onOpen }: { registry: KeyRegistry; onOpen: () => void }) {
  const [editing, setEditing] = useState(true);
  const keyProbe = useKeyInput(registry, (input, key) => void registry.dispatch(input, key));
  return (
    <Box flexDirection="column">
      {keyProbe}
      <List onOpen={onOpen} />
      {editing ? <Form onSave={() => setEditing(false)} /> : <Text>SAVED</Text>}
    </Box>
  );
}

it('reads a key sent as soon as the frame shows the field closed (Enter right after a dialog saved)', async () => {
  const registry = new KeyRegistry();
  let opened = 0;
  const r = render(
    <KeyRegistryContext.Provider value={registry}>
      <App registry={registry} onOpen={() => opened++} />
    </KeyRegistryContext.Provider>,
  );
  await settle();
  expect(r.lastFrame()).toContain('draft');
  // Like a person (or tmux send-keys) reacting to the screen: Enter goes out right after the
  // first frame that shows the form gone, before anything else the event loop has queued.
  const write = r.stdout.write.bind(r.stdout);
  let sent = false;
  r.stdout.write = (frame: string) => {
    write(frame);
    if (!sent && frame.includes('SAVED')) {
      sent = true;
      queueMicrotask(() => r.stdin.write(KEY.enter));
    }
  };
  r.stdin.write(KEY.ctrlS);
  await settle(20);
  expect(sent).toBe(true);
  expect(opened).toBe(1);
});

function TwoFields({ onSubmit }: { onSubmit: (v: { a: string; b: string }) => void }) {
  const [focus, setFocus] = useState(0);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  useKeys({
    title: 'Form',
    level: 'modal',
    bindings: [
      { def: { keys: ['tab'], label: 'Next' }, run: () => setFocus((f) => (f + 1) % 2) },
      { def: { keys: ['enter'], label: 'Save' }, run: () => onSubmit({ a, b }) },
    ],
  });
  return (
    <Box flexDirection="column">
      <Field value={a} onChange={setA} focused={focus === 0} width={12} />
      <Field value={b} onChange={setB} focused={focus === 1} width={12} />
    </Box>
  );
}

function TwoFieldsApp({ registry, onSubmit }: { registry: KeyRegistry; onSubmit: (v: { a: string; b: string }) => void }) {
  const keyProbe = useKeyInput(registry, (input, key) => void registry.dispatch(input, key));
  return (
    <Box flexDirection="column">
      {keyProbe}
      <TwoFields onSubmit={onSubmit} />
    </Box>
  );
}

it('takes keys read one after another before the screen caught up in order: text, Tab, text, Enter', async () => {
  const registry = new KeyRegistry();
  const submitted: Array<{ a: string; b: string }> = [];
  const r = render(
    <KeyRegistryContext.Provider value={registry}>
      <TwoFieldsApp registry={registry} onSubmit={(v) => submitted.push(v)} />
    </KeyRegistryContext.Provider>,
  );
  await settle();
  // Each write is a read of its own, all before React renders anything (a loaded machine, keys
  // typed ahead): the text after the Tab belongs in the second field, and the Enter sees both.
  for (const k of ['ab', '\t', 'c', 'd', '\u0015', 'xy', KEY.enter]) r.stdin.write(k);
  await registry.whenKeysHandled();
  expect(submitted).toEqual([{ a: 'ab', b: 'xy' }]);
});
