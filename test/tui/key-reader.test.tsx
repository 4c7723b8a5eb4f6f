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
