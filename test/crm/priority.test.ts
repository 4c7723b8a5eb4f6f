// Escalation through the real CLI: Ticket.checkEscalating and Priority.checkEscalating follow the
// priority's rule for each action (the demo's Critical priority: a new request restarts the chain at
// its first level, reading stops it keeping the time left, new info continues it; Low never
// escalates), and an unknown action is a script error.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { cli } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

describe('checkEscalating', () => {
  it('restarts, stops and continues the chain as the priority says', async () => {
    const home = tempDir('crm-prio-');
    const file = join(home, 'esc.crm');
    writeFileSync(
      file,
      `Ticket t; t.load(3);
String show(Ticket x) { return x.getValue("alert_level") + "/" + x.getValue("alert_stop") + "/" + (x.getValue("alert_timeout") != "").toString(); }
printLine("start " + show(t));
t.checkEscalating(5);
printLine("new " + show(t));
DateTime due = t.getValue("alert_timeout").toDateTime();
Integer minutes = (due.diff(getCurrentDateTime()) + 30) / 60;
printLine("first level due in " + minutes.toString() + " min");
Priority p; p.checkEscalating(3, 0); t.load(3);
Integer left = t.getValue("alert_stop").toInteger();
printLine("read " + t.getValue("alert_level") + " " + (left > 1700 && left <= 1800).toString());
p.checkEscalating(3, 2); t.load(3);
printLine("new info " + show(t));
Ticket low; low.load(7); low.checkEscalating(5);
printLine("low " + show(low));
p.checkEscalating(3, 9);`,
    );
    const r = await cli(['run', file, '--rollback'], home);
    expect(r.out).toBe('start 0/-1/false\nnew 1/-1/true\nfirst level due in 30 min\nread 1 true\nnew info 1/-1/true\nlow 0/-1/false\n');
    expect(r.err).toMatch(/esc\.crm:16:\d+: error: Priority\.checkEscalating: unknown action 9/);
  });
});
