// NSViewStateAgent and NSPhoneListAgent on every CRM backend (SQLite, and PostgreSQL when a test
// server is set): each user's history lists kept in SuperOffice's History table (the current item
// at rank 1, moving through a list, replacing and trimming it to the user's history length, kept
// as their Visual/HistorySize preference), and the phone list: persons and companies with their
// numbers found by name with the user's search preferences, by company, by department (user
// group) and from the favourites (the "contact" history list). Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** A history item of a list and record. */
const item = (v: string, list: string, id: number): string => `NSHistory ${v}; ${v}.SetHistoryName("${list}"); ${v}.SetId(${id});`;

/** Prints a list: record ids in rank order. */
const show = (list: string): string => `printLine(ranks("${list}"));`;

describeBackends('NSViewStateAgent and NSPhoneListAgent', (b) => {
  const run = backendSandbox(
    b,
    'NSViewStateAgent v;\nNSPhoneListAgent pl;\nString ranks(String list) { String s; foreach (NSHistory x in v.GetHistoriesByName(list)) s += x.GetId().toString() + "@" + x.GetRank().toString() + " "; return s; }',
  );

  it('keeps the current item of each list at rank 1 and moves through a list', () => {
    const out = ok(
      run,
      `printLine(v.GetCurrent("contact").GetId().toString() + " [" + v.GetCurrent("contact").GetHistoryName() + "] " + v.GetHistories().length().toString());
${item('a', 'contact', 2)}
NSHistory h = v.SaveCurrent(a);
printLine((h.GetHistoryId() > 0).toString() + " " + h.GetHistoryName() + " " + h.GetId().toString() + " " + h.GetName() + " | " + h.GetItemInfo() + " " + h.GetRank().toString() + " " + h.GetAssociateId().toString());
${item('p', 'person', 9)}
NSHistory q = v.SaveCurrent(p);
printLine(q.GetName() + " | " + q.GetItemInfo());
${item('c', 'contact', 3)}
${item('d', 'contact', 5)}
NSHistory[] both; both.pushBack(c); both.pushBack(d);
String r = ""; foreach (NSHistory x in v.SaveCurrents(both)) r += x.GetId().toString() + "@" + x.GetRank().toString() + " "; printLine(r);
${show('contact')}
v.SaveCurrent(a);
${show('contact')}
printLine(v.GetCurrent("contact").GetName() + " | " + v.GetNextCurrent("contact", 2).GetName() + " | " + v.GetPreviousCurrent("contact", 5).GetName() + " | " + v.GetPreviousCurrent("contact", 2).GetId().toString() + " " + v.GetNextCurrent("contact", 3).GetId().toString());
String[] names; names.pushBack("person"); names.pushBack("contact");
printLine(v.GetHistoriesByNames(names).length().toString() + " " + v.GetHistories().length().toString() + " " + (v.GetHistory(h.GetHistoryId()).GetId() == 2).toString());
v.DeleteHistory("contact", 5);
${show('contact')}`,
    );
    expect(out).toBe(
      '0 [contact] 0\n' +
        'true contact 2 Nordic Bikes AS | Retail 1 1\n' +
        'Ingrid Lie | Blue Fjord Hotels\n' +
        '3@2 5@1 \n' +
        '5@1 3@2 2@3 \n' +
        '2@1 5@2 3@3 \n' +
        'Nordic Bikes AS | Polar Software | Nordic Bikes AS | 0 0\n' +
        '4 4 true\n' +
        '2@1 3@2 \n',
    );
  });

  it("keeps each user's lists apart and trims them to the user's history length", () => {
    const out = ok(
      run,
      `printLine(v.GetHistoryLengthPrefValue().toString());
v.SetHistoryLengthPrefValue(3);
printLine(v.GetHistoryLengthPrefValue().toString());
NSHistory[] list;
for (Integer i = 1; i <= 5; i++) { NSHistory x; x.SetHistoryName("contact"); x.SetId(i); list.pushBack(x); }
NSHistory other; other.SetHistoryName("person"); other.SetId(1); list.pushBack(other);
NSHistory ghost; ghost.SetHistoryName("contact"); ghost.SetId(999); list.pushBack(ghost);
printLine(v.SaveHistories("contact", list).length().toString());
${show('contact')}
${item('n', 'contact', 4)}
v.SaveCurrent(n);
${show('contact')}
try { v.SetHistoryLengthPrefValue(0); } catch { printLine(error); }
${item('bad', 'nothing', 1)}
try { v.SaveCurrent(bad); } catch { printLine(error); }
${item('gone', 'contact', 999)}
try { v.SaveCurrent(gone); } catch { printLine(error); }
NSHistoryRequest r; r.SetEntityName("project"); r.SetEntityOrParentId(1);
NSHistoryRequest r2; r2.SetEntityName("person"); r2.SetEntityOrParentId(2); r2.SetRequestForNewRecord(true);
NSHistoryRequest[] rs; rs.pushBack(r); rs.pushBack(r2);
foreach (NSHistory x in v.GetHistoriesByNamesAndIds(rs)) printLine(x.GetHistoryName() + " " + x.GetId().toString() + " " + x.GetName() + " " + x.GetHistoryId().toString());`,
    );
    expect(out).toBe(
      '10\n' +
        '3\n' +
        '3\n' +
        '1@1 2@2 3@3 \n' +
        '4@1 1@2 2@3 \n' +
        'NSViewStateAgent.SetHistoryLengthPrefValue: a history length must be at least 1 (not 0)\n' +
        'NSViewStateAgent.SaveCurrent: there is no table "nothing" in the sandbox CRM\n' +
        'NSViewStateAgent.SaveCurrent: there is no contact with id 999\n' +
        'project 1 Hotel tablet roll-out 0\n' +
        'person 0  0\n',
    );
    // Bob sees none of Ada's items, nor her history length
    expect(ok(run, `${item('a', 'contact', 2)}\nv.SaveCurrent(a);\nprintLine(v.GetHistories().length().toString() + " " + v.GetHistoryLengthPrefValue().toString());`, { user: 'bob' })).toBe('1 10\n');
  });

  it('finds persons and companies with their numbers by name, by company, by department and from the favourites', () => {
    const out = ok(
      run,
      `String line(NSPhoneListItem i) { return i.GetUniqueId() + " " + i.GetName() + " (" + i.GetTooltip() + ") " + i.GetPersonDirectPhone() + "/" + i.GetPersonCellPhone() + "/" + i.GetPersonEmail(); }
foreach (NSPhoneListItem i in pl.Search("ber")) printLine(line(i));
printLine("-");
foreach (NSPhoneListItem i in pl.GetContactPhones(2)) printLine(line(i));
printLine("-");
foreach (NSPhoneListItem i in pl.GetDepartmentPhones(2)) printLine(i.GetUniqueId() + " " + i.GetName());
printLine("-");
printLine(pl.GetFavoritesPhones().length().toString() + " " + (pl.AddToFavorites(3) > 0).toString() + " " + (pl.AddToFavorites(2) > 0).toString() + " " + (pl.AddToFavorites(3) > 0).toString());
foreach (NSPhoneListItem i in pl.GetFavoritesPhones()) printLine(i.GetUniqueId() + " " + i.GetName());
printLine(v.GetCurrent("contact").GetName());
try { pl.AddToFavorites(999); } catch { printLine(error); }`,
    );
    expect(out).toBe(
      'person:2 Bob Berg (Sandbox Support Desk) +47 900 00 003//bob@sandbox.example\n' +
        'person:10 Jonas Berg (Polar Software) +47 944 44 444//jonas@polarsoft.example\n' +
        '-\n' +
        'person:5 Nina Hansen (Nordic Bikes AS) +47 911 11 111//nina@nordicbikes.example\n' +
        'person:6 Ola Nordmann (Nordic Bikes AS) +47 922 22 222//ola@nordicbikes.example\n' +
        '-\n' +
        'person:2 Bob Berg\n' +
        'person:4 Dave Eik\n' +
        '-\n' +
        '0 true true true\n' +
        'contact:3 Acme Logistics\n' +
        'contact:2 Nordic Bikes AS\n' +
        'Acme Logistics\n' +
        'NSPhoneListAgent.AddToFavorites: there is no contact with id 999\n',
    );
  });

  it("searches with the preferences given or the user's own", () => {
    const out = ok(
      run,
      `String names(NSPhoneListItem[] list) { String s; foreach (NSPhoneListItem i in list) s += i.GetName() + ";"; return s; }
NSPhoneListPreferences d = pl.GetPreferences();
printLine(d.GetSearchCompany().toString() + " " + d.GetSearchDepartment().toString() + " " + d.GetSearchFirstname().toString() + " " + d.GetSearchLastname().toString() + " " + d.GetSearchModeLastname().toString());
printLine(names(pl.Search("no")) + " | " + names(pl.Search("")));
NSPhoneListPreferences p;
p.SetSearchCompany(true);
p.SetSearchModeCompany(3);
p.SetSearchDepartment(true);
p.SetSearchModeDepartment(0);
printLine(names(pl.SearchWithPreferences("soft", p)) + " | " + names(pl.SearchWithPreferences("support", p)));
p.SetSearchLastname(true);
p.SetSearchModeLastname(2);
pl.SetPreferences(p);
NSPhoneListPreferences g = pl.GetPreferences();
printLine(g.GetSearchFirstname().toString() + " " + g.GetSearchLastname().toString() + " " + g.GetSearchModeLastname().toString() + " " + g.GetSearchDepartment().toString() + " " + g.GetSearchModeCompany().toString());
printLine(names(pl.Search("erg")));`,
    );
    expect(out).toBe(
      'true false true true 1\n' +
        'Ola Nordmann;Nordic Bikes AS; | \n' +
        'Polar Software; | Bob Berg;Dave Eik;Sandbox Support Desk;\n' +
        'false true 2 true 3\n' +
        'Bob Berg;Jonas Berg;\n',
    );
  });
});
