/**
 * The demo a fresh store starts with, so a new user sees a working system:
 * example scripts in a small folder tree, a trigger binding and a disabled
 * scheduled task.
 */
import type { StoreData } from './schema.js';
import { createFolder, createScript, createTask, createTrigger } from './repos.js';

export const DEMO_SOURCES = {
  hello: `// The classic first script: print a few lines.
printLine("Hello from crmscript-tui!");

for (Integer i = 1; i <= 3; i++) {
  Integer square = i * i;
  printLine(i.toString() + " x " + i.toString() + " = " + square.toString());
}
`,

  library: `// Functions shared by other scripts through: #include "demo-lib";

String demoGreeting(String who) {
  return "Hello, " + who + "!";
}

Integer demoSum(Integer from, Integer to) {
  Integer total = 0;
  for (Integer i = from; i <= to; i++) {
    total = total + i;
  }
  return total;
}
`,

  useLibrary: `// Uses the functions of the "demo-lib" script.
#include "demo-lib";

printLine(demoGreeting("operator"));
printLine("1 + 2 + ... + 10 = " + demoSum(1, 10).toString());
`,

  failing: `// Fails on purpose: the division below raises an error that nothing catches,
// so the run ends with an error pointing at that line.
Integer items = 12;
Integer boxes = 0;
printLine("Sharing " + items.toString() + " items between the boxes...");
Integer perBox = items / boxes;
printLine("Each box gets " + perBox.toString());
`,

  slow: `// Runs for about five seconds and reports its progress, to try the
// progress display and the Stop action.
Integer steps = 10;
for (Integer step = 1; step <= steps; step++) {
  sleep(0.5);
  printLine("Step " + step.toString() + " of " + steps.toString() + " done");
}
printLine("Finished.");
`,

  onNewTicket: `// Bound to the NewTicket event by the demo trigger. Try it with:
//   crmscript-tui fire NewTicket --input ticketId=42
EventData event = getEventData();
printLine("A new ticket was created: " + event.getInputValue("ticketId"));
`,
} as const;

/** Add the demo content to `d` (normally an empty document). */
export function seedDemo(d: StoreData): void {
  const examples = createFolder(d, { parentId: null, name: 'Examples' });
  const library = createFolder(d, { parentId: examples.id, name: 'Library' });
  const events = createFolder(d, { parentId: examples.id, name: 'Events' });

  const hello = createScript(d, {
    folderId: examples.id,
    name: 'Hello world',
    includeId: 'hello',
    description: 'Prints a greeting and a few lines of arithmetic.',
    source: DEMO_SOURCES.hello,
  });
  createScript(d, {
    folderId: library.id,
    name: 'Demo library',
    includeId: 'demo-lib',
    description: 'Functions used by other scripts through #include "demo-lib".',
    source: DEMO_SOURCES.library,
  });
  createScript(d, {
    folderId: examples.id,
    name: 'Use the library',
    includeId: 'demo-use-lib',
    description: 'Includes the "demo-lib" script and calls its functions.',
    source: DEMO_SOURCES.useLibrary,
  });
  createScript(d, {
    folderId: examples.id,
    name: 'Failing script',
    includeId: 'demo-fail',
    description: 'Stops with an uncaught division by zero, to show how errors are reported.',
    source: DEMO_SOURCES.failing,
  });
  createScript(d, {
    folderId: examples.id,
    name: 'Slow counter',
    includeId: 'demo-slow',
    description: 'Counts for about five seconds, printing its progress.',
    source: DEMO_SOURCES.slow,
  });
  const onNewTicket = createScript(d, {
    folderId: events.id,
    name: 'On new ticket',
    includeId: 'demo-on-new-ticket',
    description: 'Prints the ticket id of the NewTicket event.',
    source: DEMO_SOURCES.onNewTicket,
  });

  // NewTicket only fires when someone fires it (e.g. `crmscript-tui fire NewTicket`), so it is safe to leave enabled.
  createTrigger(d, {
    event: 'NewTicket',
    targetKind: 'script',
    targetId: onNewTicket.id,
    description: 'Demo: report new tickets.',
    enabled: true,
  });

  createTask(d, {
    name: 'Weekday greeting',
    targetKind: 'script',
    targetId: hello.id,
    frequency: { kind: 'weekly', time: '07:30', days: [1, 2, 3, 4, 5] },
    enabled: false,
    lockMinutes: 5,
    restartAfterMinutes: 0,
  });
}
