// NSPreferenceAgent's preference descriptions and their lines, preferences of a level and owner,
// preferences with their shown values and tab orders; NSTimeZoneAgent's base and default time
// zones; NSPersonAgent's temporary keys; on every CRM backend (SQLite, and PostgreSQL when a test
// server is set), with the methods that stay unavailable, and a sandbox made by an older build
// (SQLite schema 14, PostgreSQL 13) gaining the tables with the demo's rows. Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import type { CrmRow } from '../../../src/interp/runtime/crm-service.js';
import { PREFERENCE_TABLES } from '../../../src/crm/demo-preferences.js';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok, olderSandboxSuites } from './backend-runs.js';

afterAll(cleanupTempDirs);

describeBackends('NSPreferenceAgent descriptions, NSTimeZoneAgent and temporary keys', (b) => {
  const run = backendSandbox(b, 'NSPreferenceAgent a;\nNSTimeZoneAgent z;\nNSPersonAgent pa;');

  it("lists the demo's preference descriptions by section and finds one by section and key", () => {
    expect(
      ok(
        run,
        `String show(NSPreferenceDescription d) {
  return d.GetPrefDescId().toString() + " " + d.GetSection() + "/" + d.GetKey() + " " + d.GetName() + " " + d.GetValueType().toString() + " [" + d.GetTableName() + "] " + d.GetMinValue().toString() + "-" + d.GetMaxValue().toString() + " " + d.GetIsBuiltin().toString();
}
foreach (NSPreferenceDescription d in a.GetAll()) printLine(show(d));
printLine(a.GetAllFromSection("Defaults").length().toString() + " " + a.GetAllFromSection("None").length().toString());
printLine(show(a.GetFromSectionAndKey("Visual", "HistorySize")) + " | " + a.GetFromSectionAndKey("Visual", "HistorySize").GetDescription());
printLine(a.GetFromSectionAndKey("Visual", "Nothing").GetPrefDescId().toString() + " " + a.GetPreferenceDescription(4).GetKey() + " " + a.GetPreferenceDescription(99).GetPrefDescId().toString());`,
      ),
    ).toBe(
      '4 Defaults/DefaultProjectType Default project type 5 [ProjType] 0-85 true\n' +
        '5 Defaults/DefaultAppointmentAppointText Default meeting text 2 [] 0-0 true\n' +
        '1 Visual/SundayFirstDay Sunday first day of week 3 [] 0-0 true\n' +
        '2 Visual/HistorySize History size 1 [] 5-100 true\n' +
        '3 Visual/CalendarPos Calendar position 4 [] 0-0 true\n' +
        '6 Visual/DefaultTimeZone Default time zone 12 [] 0-0 true\n' +
        '2 0\n' +
        '2 Visual/HistorySize History size 1 [] 5-100 true | How many items a history list keeps\n' +
        '0 DefaultProjectType 0\n',
    );
  });

  it('creates, saves by section and key, and deletes descriptions with their lines', () => {
    expect(
      ok(
        run,
        `NSPreferenceDescription d = a.CreateDefaultPreferenceDescription();
printLine(d.GetPrefDescId().toString() + " [" + d.GetSection() + "] " + d.GetMaxLevel().toString());
d.SetName("Colour");
d.SetValueType(4);
d.SetDescription("The colour of things");
d = a.SaveFromSectionAndKey("MyThing", "Colour", d);
Integer id = d.GetPrefDescId();
printLine((id > 6).toString() + " " + d.GetSection() + "/" + d.GetKey() + " " + d.GetName());
d.SetName("Color");
printLine((a.SaveFromSectionAndKey("MyThing", "Colour", d).GetPrefDescId() == id).toString() + " " + a.GetFromSectionAndKey("MyThing", "Colour").GetName() + " " + a.GetAllFromSection("MyThing").length().toString());
NSPreferenceDescriptionLine[] lines;
foreach (String v in String("red,green,blue").split(",")) {
  NSPreferenceDescriptionLine l = a.CreateDefaultPreferenceDescriptionLine();
  l.SetPrefDescId(id);
  l.SetPrefValue(v);
  l.SetPrefShowValue(v.toUpper());
  lines.pushBack(l);
}
lines = a.SavePreferenceDescriptionLines(lines);
printLine(lines.length().toString() + " " + (lines[0].GetPrefDescLineId() > 0).toString());
NSPreferenceDescriptionLine g = a.GetPreferenceDescriptionLineFromIdAndValue(id, "green");
printLine(g.GetPrefShowValue() + " " + a.GetPreferenceDescriptionLine(g.GetPrefDescLineId()).GetPrefValue() + " " + a.GetPreferenceDescriptionLineFromIdAndValue(id, "pink").GetPrefDescLineId().toString());
a.DeletePreferenceDescriptionLine(g.GetPrefDescLineId());
printLine(a.GetPreferenceDescriptionLinesByPrefDescId(id).length().toString());
Integer[] gone; gone.pushBack(lines[0].GetPrefDescLineId());
a.DeletePreferenceDescriptionLines(gone);
String left;
foreach (NSPreferenceDescriptionLine l in a.GetPreferenceDescriptionLinesByPrefDescId(id)) left += l.GetPrefValue();
printLine(left);
a.DeletePrefDescLinesByPrefDescId(id);
Integer[] both; both.pushBack(3); both.pushBack(id);
printLine(a.GetPreferenceDescriptionLinesByPrefDescId(id).length().toString() + " " + a.GetPreferenceDescriptionLinesByPrefDescId(3).length().toString());
a.DeletePrefDescLinesByPrefDescIds(both);
printLine(a.GetPreferenceDescriptionLinesByPrefDescId(3).length().toString());
a.DeletePreferenceDescription(id);
printLine(a.GetPreferenceDescription(id).GetPrefDescId().toString() + " " + a.GetAll().length().toString());`,
      ),
    ).toBe('0 [] 5\ntrue MyThing/Colour Colour\ntrue Color 1\n3 true\nGREEN green 0\n2\nblue\n0 2\n0\n0 6\n');
  });

  it("deleting a description deletes its lines; a line needs a description that exists", () => {
    const r = run(`a.DeletePreferenceDescription(3);
printLine(a.GetPreferenceDescriptionLinesByPrefDescId(3).length().toString());
NSPreferenceDescriptionLine l = a.CreateDefaultPreferenceDescriptionLine();
l.SetPrefDescId(77);
l.SetPrefValue("x");
a.SavePreferenceDescriptionLine(l);`);
    expect(r.out).toBe('0\n');
    expect(r.error).toBe('NSPreferenceAgent.SavePreferenceDescriptionLine: there is no preference description with id 77');
    expect(run('NSPreferenceDescription d = a.CreateDefaultPreferenceDescription(); a.SavePreferenceDescription(d);').error).toBe(
      'NSPreferenceAgent.SavePreferenceDescription: the section (SetSection) is required',
    );
  });

  it('reads a preference of one level and owner, and preferences with the values their descriptions show', () => {
    expect(
      ok(
        run,
        `NSPreference save(String section, String key, String value, Integer level, Integer target) {
  NSPreference p = a.CreateDefaultPreference();
  NSPreferenceSpec s = p.GetSpecification();
  s.SetSection(section);
  s.SetKey(key);
  p.SetSpecification(s);
  p.SetRawValue(value);
  p.SetLevel(level);
  p.SetTargetId(target);
  return a.SavePreferenceEntity(p, false);
}
save("Visual", "CalendarPos", "1", 5, 0);
save("Defaults", "DefaultProjectType", "2", 5, 0);
save("Visual", "DefaultTimeZone", "3", 2, 0);
save("Visual", "HistorySize", "40", 2, 0);
save("Visual", "HistorySize", "30", 4, 99);
NSPreferenceSpec[] specs;
foreach (String name in String("Visual/CalendarPos,Defaults/DefaultProjectType,Visual/DefaultTimeZone,Visual/HistorySize,Ticket/signature,Visual/Unset").split(",")) {
  NSPreferenceSpec s;
  s.SetSection(name.split("/")[0]);
  s.SetKey(name.split("/")[1]);
  specs.pushBack(s);
}
foreach (NSPreference p in a.GetPreferencesWithDisplayValues(specs)) printLine(p.GetSpecification().GetKey() + " " + p.GetRawValue() + " -> " + p.GetDisplayValue() + " | " + p.GetDisplayTooltip() + " | " + p.GetPrefDescId().toString() + " " + p.GetDisplayType().toString() + " [" + p.GetTableName() + "]");
printLine(a.GetPreferenceByNameAndId("Visual", "HistorySize", 4, 99).GetRawValue() + " " + a.GetPreferenceByNameAndId("Visual", "HistorySize", 2, 0).GetRawValue() + " " + a.GetPreferenceByNameAndId("Visual", "HistorySize", 4, 2).GetUserPreferenceId().toString() + " " + a.GetPreferenceByNameAndId("Visual", "HistorySize", 5, 99).GetUserPreferenceId().toString());
printLine(a.GetPreferenceByNameAndId("Ticket", "signature", 1, 2).GetRawValue());`,
      ),
    ).toBe(
      'CalendarPos 1 -> Top right-hand corner | The calendar sits in the top right-hand corner | 3 4 []\n' +
        'DefaultProjectType 2 -> Internal project | Work for ourselves | 4 5 [ProjType]\n' +
        'DefaultTimeZone 3 -> New York | New York, Boston, Washington | 6 12 []\n' +
        'HistorySize 40 -> 40 |  | 2 1 []\n' +
        'signature Ada, Sandbox support -> Ada, Sandbox support |  | 0 0 []\n' +
        '30 40 0 0\n' +
        'Ada, Sandbox support\n',
    );
  });

  it("keeps each user's tab order of a tab control", () => {
    expect(
      ok(
        run,
        `NSTabOrder t = a.GetTabOrder("ContactCard");
printLine(t.GetTabOrderId().toString() + " " + t.GetTabName() + " [" + t.GetOrder() + "]");
t.SetOrder("3,1,2");
t.SetAssociateId(99);
a.SaveTabOrder(t);
NSTabOrder back = a.GetTabOrder("ContactCard");
Integer id = back.GetTabOrderId();
printLine((id > 0).toString() + " " + back.GetOrder() + " " + (back.GetAssociateId() == t.GetAssociateId()).toString());
back.SetOrder("1,2,3");
NSTabOrder other = a.GetTabOrder("PersonCard");
other.SetOrder("2,1");
NSTabOrder[] both; both.pushBack(back); both.pushBack(other);
a.SaveTabOrders(both);
foreach (NSTabOrder o in a.GetTabOrders()) printLine(o.GetTabName() + "=" + o.GetOrder() + " " + (o.GetTabOrderId() == id).toString());`,
      ),
    ).toBe('0 ContactCard []\ntrue 3,1,2 false\nContactCard=1,2,3 true\nPersonCard=2,1 false\n');
    expect(run('NSTabOrder t; a.SaveTabOrder(t);').error).toBe('NSPreferenceAgent.SaveTabOrder: the tab control (SetTabName) is required');
  });

  it('reads and sets the base time zone, reads the default one and shows or hides locations', () => {
    expect(
      ok(
        run,
        `printLine(z.GetBaseTimeZoneId().toString() + " " + z.GetDefaultTimeZonePreference().toString());
printLine(z.SetBaseTimeZoneId(3).toString() + " " + z.GetBaseTimeZoneId().toString() + " " + z.SetBaseTimeZoneId(99).toString() + " " + z.GetBaseTimeZoneId().toString() + " " + z.SetBaseTimeZoneId(3).toString());
NSPreference p = a.CreateDefaultPreference();
NSPreferenceSpec s = p.GetSpecification();
s.SetSection("Visual");
s.SetKey("DefaultTimeZone");
p.SetSpecification(s);
p.SetRawValue("2");
p.SetLevel(2);
a.SavePreferenceEntity(p, false);
p.SetUserPreferenceId(0);
p.SetRawValue("4");
p.SetLevel(5);
a.SavePreferenceEntity(p, false);
printLine(z.GetDefaultTimeZonePreference().toString());
z.ToggleActiveTimeZoneRow(4);
z.SetActiveTimeZoneRow(1, false);
SearchEngine se;
se.addField("TZLocation.TZLocation_id");
se.addField("TZLocation.isActive");
se.addOrder("TZLocation.TZLocation_id", true);
for (se.execute(); !se.eof(); se.next()) print(se.getField(0) + ":" + se.getField(1) + " ");`,
      ),
    ).toBe('1 0\ntrue 3 false 3 true\n2\n1:0 2:1 3:1 4:1 ');
    expect(run('z.ToggleActiveTimeZoneRow(9);').error).toBe('NSTimeZoneAgent.ToggleActiveTimeZoneRow: there is no time zone location with id 9');
  });

  it('makes temporary keys that the table keeps only as an HMAC, checks them and deletes those of a domain', () => {
    const rows: { keys: CrmRow[]; prefs: CrmRow[] } = { keys: [], prefs: [] };
    const r = run(`DateTime later; later.addDay(2);
DateTime earlier; earlier.addDay(-1);
String k = pa.CreateTemporaryKey(1, 7, 2, later);
String old = pa.CreateTemporaryKey(4, 0, 2, earlier);
String other = pa.CreateTemporaryKey(1, 8, 3, later);
printLine((k.getLength() >= 32).toString() + " " + (k == old).toString());
String show(NSTemporaryKeyInfo i) { return i.GetDomain().toString() + " " + i.GetTargetId().toString() + " " + i.GetPersonId().toString() + " " + i.GetIsExpired().toString(); }
printLine(show(pa.CheckTemporaryKey(k)) + " | " + show(pa.CheckTemporaryKey(old)) + " | " + show(pa.CheckTemporaryKey(k + "x")) + " | " + show(pa.CheckTemporaryKey("")));
pa.DeleteTemporaryKeysOfDomain(1, 2);
printLine(show(pa.CheckTemporaryKey(k)) + " | " + show(pa.CheckTemporaryKey(old)) + " | " + show(pa.CheckTemporaryKey(other)));
print(k + "\\n" + old + "\\n" + other);`,
      {
        check: (crm) => {
          rows.keys = crm.select('TemporaryKey');
          rows.prefs = crm.select('UserPreference');
        },
      },
    );
    expect(r.error).toBeNull();
    const [first, second, third, ...keys] = r.out.split('\n');
    expect([first, second, third]).toEqual(['true false', '1 7 2 false | 4 0 2 true | 0 0 0 false | 0 0 0 false', '0 0 0 false | 4 0 2 true | 1 8 3 false']);
    expect(keys).toHaveLength(3);
    // two keys are left (one was deleted); neither is stored as it was handed out
    const stored = rows.keys.map((row) => String(row.authkey));
    expect(stored).toHaveLength(2);
    for (const key of keys) expect(stored.some((s) => s.includes(key))).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s))).toBe(true);
    expect(rows.prefs.filter((p) => p.prefsection === 'crmscript-tui' && p.prefkey === 'TemporaryKeySecret').map((p) => String(p.prefvalue).length)).toEqual([64]);
    expect(run('pa.CreateTemporaryKey(9, 0, 2, getCurrentDateTime());').error).toBe('NSPersonAgent.CreateTemporaryKey: 9 is not a temporary key domain (1 to 6, TemporaryKeyDomain)');
    expect(run('pa.CreateTemporaryKey(1, 0, 999, getCurrentDateTime());').error).toBe('NSPersonAgent.CreateTemporaryKey: there is no person with id 999');
  });

  it('keeps failing clearly for what the sandbox cannot have', () => {
    expect(run('z.UpdateTimeZoneData();').error).toBe("NSTimeZoneAgent.UpdateTimeZoneData: the sandbox CRM has no connection to SuperOffice's time zone service (its time zone locations are its own rows)");
    expect(run('z.CheckNewTimeZoneDataAvailable();').error).toBe("NSTimeZoneAgent.CheckNewTimeZoneDataAvailable: the sandbox CRM has no connection to SuperOffice's time zone service (its time zone locations are its own rows)");
    expect(run('z.TimeOfLastTimeZoneUpdate();').error).toBe("NSTimeZoneAgent.TimeOfLastTimeZoneUpdate: the sandbox CRM has no connection to SuperOffice's time zone service (its time zone locations are its own rows)");
    expect(run('z.InitializeTimeZoneData();').error).toBe("NSTimeZoneAgent.InitializeTimeZoneData: the sandbox CRM keeps no time zone rules (SuperOffice's TZStdRule and TZDstRule tables), only the locations (TZLocation)");
  });
});

/** What shows a sandbox has the tables with the demo's rows. */
const SMOKE = `NSPreferenceAgent a;
NSTimeZoneAgent z;
NSTabOrder t = a.GetTabOrder("X");
t.SetOrder("1");
a.SaveTabOrder(t);
printLine(a.GetAll().length().toString() + " " + a.GetPreferenceDescriptionLinesByPrefDescId(3).length().toString() + " " + z.GetBaseTimeZoneId().toString() + " " + a.GetTabOrder("X").GetOrder());`;

olderSandboxSuites({
  what: 'the preference, tab order, temporary key and time zone tables',
  prefix: 'crm-prefs-',
  tables: PREFERENCE_TABLES,
  sqliteVersion: 14,
  pgVersion: 13,
  smoke: SMOKE,
  demo: '6 2 1 1\n',
  empty: '0 0 0 1\n',
});
