// EventData.showDialog with an EventDataDialogDefinition (CRMScript 10.1.9): the dialog a trigger
// asks the client to show comes back in the firing's outcome (and its printed form), and firing
// again with the answer as input values takes the script to its next step, as in SuperOffice's
// tutorial of a two-step appointment dialog.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent } from '../../src/run/fire.js';
import { formatOutcome } from '../../src/triggers/format.js';
import { bind, cleanupTempDirs, emptyStore } from '../triggers/helpers.js';
import { diagnose, runScript } from '../helpers.js';

afterEach(cleanupTempDirs);

const TWO_STEPS = `EventData ed = getEventData();
String step1 = ed.getInputValue("step1_button");
if (step1 == "") {
  EventDataDialogDefinition d;
  d.setTitle("Travel time");
  d.setType("yesno");
  d.setIcon("question");
  d.setPrefix("step1_");
  d.setText("Add travel time?");
  ed.showDialog(d);
  d.setTitle("changed after showDialog");
} else if (step1 == "yes" && ed.getInputValue("step2_button") == "") {
  EventDataDialogDefinition d;
  d.setType("okcancel");
  d.setPrefix("step2_");
  d.setTitle("Hours");
  d.addInteger("time", "Travel time", 2, "hours", true);
  d.addLabel("note", "Rounded up");
  String[] where; where.pushBack("car"); where.pushBack("train");
  d.addList("how", "Travel by", where, "car", "", false);
  d.addDate("day", "Day", Date("2025-03-04"));
  ed.showDialog(d);
  ed.setOutputValue("step1_button", "yes");
} else {
  print("travel " + ed.getInputValue("step2_time") + " h by " + ed.getInputValue("step2_how"));
}`;

describe('a dialog from a trigger', () => {
  it('comes back in the outcome, and the answer fired again goes on to the next step', async () => {
    const store = await emptyStore();
    await bind(store, 'SalesBeforeSaveAppointment', 'travel', TWO_STEPS);

    const first = await fireEvent(store, 'SalesBeforeSaveAppointment', {});
    expect(first.runs[0]).toMatchObject({ ok: true, error: null });
    expect(first.dialog).toEqual({ title: 'Travel time', type: 'yesno', icon: 'question', text: 'Add travel time?', markdown: '', prefix: 'step1_', width: 0, height: 0, blockExecutionOnCancel: false, fields: [] });
    const text = formatOutcome(first);
    expect(text).toContain('Dialog: "Travel time" (yesno, question)\n  Add travel time?\n  Answer by firing again with: step1_button=yes|no');

    const second = await fireEvent(store, 'SalesBeforeSaveAppointment', { step1_button: 'yes' });
    expect(second.dialog!.fields).toEqual([
      { id: 'time', kind: 'integer', label: 'Travel time', default: 2, placeholder: 'hours', mandatory: true },
      { id: 'note', kind: 'label', label: 'Rounded up' },
      { id: 'how', kind: 'list', label: 'Travel by', items: ['car', 'train'], default: 'car', placeholder: '', mandatory: false },
      { id: 'day', kind: 'date', label: 'Day', default: '2025-03-04' },
    ]);
    expect(second.outputs).toEqual({ step1_button: 'yes' });
    expect(formatOutcome(second)).toContain('  step2_time (integer, mandatory): Travel time [default 2; placeholder "hours"]\n');
    expect(formatOutcome(second)).toContain('step2_button=ok|cancel step2_time=… step2_how=… step2_day=…');

    const third = await fireEvent(store, 'SalesBeforeSaveAppointment', { step1_button: 'yes', step2_button: 'ok', step2_time: '3', step2_how: 'train' });
    expect(third.dialog).toBeUndefined();
    expect(third.runs[0]!.output).toBe('travel 3 h by train');
    expect(formatOutcome(third)).not.toContain('Dialog');
  }, 60_000);

  it('has the documented members: getters, removeField, toJSONString', () => {
    const r = runScript(`EventDataDialogDefinition d;
d.setTitle("T"); d.setMarkdown("**b**"); d.setWidth(300); d.setHeight(200); d.setBlockExecutionOnCancel(true);
d.addText("a", "A", "x", "type here", true); d.addCheckbox("b", "B", true); d.addFloat("c", "C", 1.5);
d.addTimeSpan("t", "T", 90, "", false, true, false, true, true, false);
d.removeField("b");
printLine(d.getTitle() + " " + d.getMarkdown() + " " + d.getWidth().toString() + "x" + d.getHeight().toString() + " " + d.getBlockExecutionOnCancel().toString());
printLine(d.toJSONString());`);
    expect(r.error).toBeNull();
    const [head, json] = r.output.trim().split('\n');
    expect(head).toBe('T **b** 300x200 true');
    const parsed = JSON.parse(json!);
    expect(parsed.fields.map((f: { id: string }) => f.id)).toEqual(['a', 'c', 't']);
    expect(parsed.fields[2]).toEqual({ id: 't', kind: 'timespan', label: 'T', default: 90, placeholder: '', mandatory: false, allowBlank: true, days: false, hours: true, minutes: true, seconds: false });
  });

  it('takes a field built with EventDataDialogField', () => {
    const r = runScript(`EventDataDialogField f;
f.setId("size"); f.setType("list"); f.setLabel("Size"); f.addListItem("S"); f.addListItem("M");
f.setDefault("M"); f.setMandatory(true); f.setShowFullPath(true);
printLine(f.getId() + " " + f.getType() + " " + f.getDefault() + " " + f.getMandatory().toString() + " " + f.getDays().toString());
EventDataDialogField g; g.setId("rate"); g.setType("float"); g.setDefaultFloat(2.5);
printLine(g.getDefaultFloat().toString(1) + " [" + g.getDefault() + "]");
EventDataDialogDefinition d;
d.addField(f); d.addField(g);
f.setLabel("changed after addField");
printLine(d.toJSONString());
EventDataDialogField noId;
d.addField(noId);`);
    const [first, second, json] = r.output.trim().split('\n');
    expect(first).toBe('size list M true false');
    expect(second).toBe('2.5 [2.5]');
    expect(JSON.parse(json!).fields).toEqual([
      { id: 'size', kind: 'list', label: 'Size', items: ['S', 'M'], default: 'M', mandatory: true, showFullPath: true },
      { id: 'rate', kind: 'float', label: '', default: 2.5 },
    ]);
    expect(r.error).toBe('EventDataDialogDefinition.addField: the field has no id (setId)');
  });

  it('refuses a dialog past its limits with a clear error', () => {
    const many = runScript('EventDataDialogDefinition d;\nfor (Integer i = 0; i < 1001; i++) d.addText("f" + i.toString(), "F");');
    expect(many.error).toBe('EventDataDialogDefinition: a dialog holds at most 1,000 fields');
    const items = runScript('String[] xs;\nfor (Integer i = 0; i < 10001; i++) xs.pushBack("x");\nEventDataDialogDefinition d;\nd.addList("l", "L", xs, "x", "", false);');
    expect(items.error).toBe('EventDataDialogDefinition: a list field holds at most 10,000 items');
    expect(items.at).toBe('4:3');
  });

  it('is checked like any class', () => {
    expect(diagnose('EventDataDialogDefinition d;\nd.addInteger("x");\nEventData ed = getEventData();\ned.showDialog("no");')).toHaveLength(2);
  });
});
