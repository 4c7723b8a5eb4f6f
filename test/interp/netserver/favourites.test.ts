// NSFavouriteAgent and the global getFavourites on every CRM backend (SQLite, and PostgreSQL when
// a test server is set): the users' favourites in SuperOffice's Favourite table — the demo's
// favourites of Ada and Bob, adding (ranked in the order added, no duplicates), checking,
// toggling and removing them (one, all of a table, by the rows' ids), each user's apart; the
// SearchEngine reaching them through a reverse link (ticket.(Favourite->record_id)); the user's
// recent companies and colleagues from the favourites, history lists and diary; clear failures
// for unknown tables, tables without a number, records and associates that do not exist; and
// sandboxes made by an older build (SQLite schema 23, PostgreSQL 22) gaining the table. Every run
// rolls back.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { FAVOURITE_TABLES } from '../../../src/crm/favourite-migration.js';
import { backendSandbox, ok, olderSandboxSuites } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** `list(table, associate)`: the favourites as "record@rank[:extra info]" in rank order; `ids(table)`: getFavourites. */
const PRELUDE = `NSFavouriteAgent fa;
String list(String table, Integer who) { String s; foreach (NSFavourite f in fa.GetFavourites(table, who)) { s += f.GetRecordId().toString() + "@" + f.GetRank().toString(); if (f.GetExtraInfo() != "") s += ":" + f.GetExtraInfo(); s += " "; } return s; }
String ids(String table) { String s; foreach (Integer i in getFavourites(table)) s += i.toString() + " "; return s; }`;

describeBackends('NSFavouriteAgent and getFavourites', (b) => {
  const run = backendSandbox(b, PRELUDE);

  it("reads the demo's favourites of each user", () => {
    const out = ok(
      run,
      `NSFavourite[] t = fa.GetFavourites("ticket", 0);
printLine(t[0].GetTableName() + " " + t[0].GetRecordId().toString() + " " + t[0].GetAssociateId().toString() + " " + t[0].GetRank().toString() + " | " + t[1].GetExtraInfo());
printLine(list("ticket", 0) + "| " + list("Ticket", 1) + "| " + list("contact", 0) + "| " + list("sale", 0) + "| " + list("project", 0));
printLine(list("contact", 2) + "| " + list("person", 2) + "| " + list("ticket", 2) + "| " + list("project", 2));
printLine(ids("ticket") + "| " + ids("contact") + "| " + ids("person") + "|");
printLine(fa.IsFavourite("ticket", 4, 0).toString() + " " + fa.IsFavourite("ticket", 2, 0).toString() + " " + fa.IsFavourite("ticket", 2, 2).toString() + " " + fa.IsFavourite("ticket", 999, 0).toString());`,
    );
    expect(out).toBe(
      'ticket 1 1 1 | quote follow-up\n' +
        '1@1 4@2:quote follow-up | 1@1 4@2:quote follow-up | 2@1 | 1@1 | \n' +
        '3@1 | 9@1 | 2@1 | 1@1 \n' +
        '1 4 | 2 | |\n' +
        'true false true false\n',
    );
    // Bob's own: getFavourites and associate 0 are the run's user
    expect(ok(run, 'printLine(ids("ticket") + "| " + ids("person") + "| " + list("project", 0));', { user: 'bob' })).toBe('2 | 9 | 1@1 \n');
  });

  it('adds favourites ranked in the order added, without duplicates, and records who added them', () => {
    const r = run(
      `fa.AddFavourite("ticket", 3, 0, "");
fa.AddFavourite("ticket", 1, 0, "again");
Integer[] more; more.pushBack(6); more.pushBack(3); more.pushBack(8);
fa.AddFavourites("ticket", more, 0, "batch");
printLine(list("ticket", 0));
printLine(ids("ticket"));
fa.AddFavourite("contact", 4, 2, "for Bob");
printLine(list("contact", 2) + "| " + list("contact", 0));`,
      {
        check: (crm) => {
          const rows = crm.select('Favourite', { where: [{ column: 'associate_id', op: '=', value: 2 }, { column: 'record_id', op: '=', value: 4 }] });
          expect(rows.length).toBe(1);
          const row = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k.toLowerCase(), v]));
          expect([row.table_id, row.registered_by, row.extra_info, String(row.registered ?? '').length > 0]).toEqual([5, 1, 'for Bob', true]);
        },
      },
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe('1@1:again 4@2:quote follow-up 3@3:batch 6@4:batch 8@5:batch \n' + '1 4 3 6 8 \n' + '3@1 4@2:for Bob | 2@1 \n');
    // what the run wrote (ticket 3's later change of extra information is part of its insert), rolled back after it
    expect(r.changes.filter((c) => c.table.toLowerCase() === 'favourite').map((c) => c.kind)).toEqual(['insert', 'update', 'insert', 'insert', 'insert']);
  });

  it('toggles and removes favourites: one, all of a table, and by their ids, of one user at a time', () => {
    const out = ok(
      run,
      `printLine(fa.ToggleFavourite("ticket", 1, 0, "").toString() + " " + fa.ToggleFavourite("ticket", 7, 0, "new").toString() + " " + fa.ToggleFavourite("ticket", 1, 0, "back").toString());
printLine(list("ticket", 0));
fa.RemoveFavourite("ticket", 4, 0);
fa.RemoveFavourite("ticket", 5, 0);
printLine(list("ticket", 0) + "| " + list("ticket", 2));
fa.RemoveAllFavourites("ticket", 0);
printLine(list("ticket", 0) + "| " + list("ticket", 2) + "| " + list("contact", 0) + "| " + ids("ticket") + "|");
Integer[] gone; gone.pushBack(1); gone.pushBack(8);
fa.RemoveFavouritesById(gone);
printLine(list("contact", 0) + "| " + list("project", 2) + "| " + list("person", 2));`,
    );
    expect(out).toBe('false true true\n' + '4@2:quote follow-up 7@3:new 1@4:back \n' + '7@3:new 1@4:back | 2@1 \n' + '| 2@1 | 2@1 | |\n' + '| | 9@1 \n');
  });

  it('reaches the favourites from the SearchEngine through a reverse link', () => {
    const out = ok(
      run,
      `SearchEngine se;
se.addField("ticket.id");
se.addField("ticket.title");
se.addField("ticket.(Favourite->record_id).extra_info");
se.addCriteria("ticket.(Favourite->record_id).table_id", "Equals", "262");
se.addCriteria("ticket.(Favourite->record_id).associate_id", "Equals", getVariable("activeAssociateId"));
se.addOrder("ticket.id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1) + " [" + se.getField(2) + "]");
SearchEngine c;
c.addField("Favourite.record_id");
c.addField("Favourite.associate_id.name");
c.addCriteria("Favourite.table_id", "Equals", "5");
c.addOrder("Favourite.record_id", true);
for (c.execute(); !c.eof(); c.next()) printLine(c.getField(0) + " " + c.getField(1));`,
    );
    expect(out).toBe('1 Bike computer does not turn on []\n' + '4 Request for a quote: 40 hotel tablets [quote follow-up]\n' + '2 ADA\n' + '3 BOB\n');
  });

  it("gives the user's recent companies and colleagues from the favourites, the history lists and the diary", () => {
    const out = ok(
      run,
      `NSContactAgent ca;
NSPersonAgent pa;
NSViewStateAgent v;
String companies(Integer source) { String s; foreach (NSContact c in ca.GetMyRecentContacts(source)) s += c.GetName() + ";"; return s; }
String people(Integer source, Integer count) { String s; foreach (NSPerson p in pa.GetColleaguesBySource(source, count)) s += p.GetFirstname() + ";"; return s; }
fa.AddFavourite("contact", 5, 0, "");
NSHistory h; h.SetHistoryName("contact"); h.SetId(3); v.SaveCurrent(h);
printLine(companies(4) + " | " + companies(1) + " | " + companies(7) + " | " + companies(0));
printLine(people(7, 10) + "|");
fa.AddFavourite("person", 3, 0, "");
fa.AddFavourite("person", 9, 0, "");
fa.AddFavourite("person", 2, 0, "");
NSHistory p; p.SetHistoryName("person"); p.SetId(4); v.SaveCurrent(p);
printLine(people(4, 0) + " | " + people(4, 1) + " | " + people(1, 5) + " | " + people(5, -1));`,
    );
    expect(out).toBe('Nordic Bikes AS;Polar Software; | Acme Logistics; | Acme Logistics;Nordic Bikes AS;Polar Software; | \n' + '|\n' + 'Carol;Bob; | Carol; | Dave; | Dave;Carol;Bob;\n');
  });

  it('fails clearly on unknown tables, tables without a number, and records, associates and favourites that do not exist', () => {
    const error = (source: string, opts?: { user?: string }): string | null => run(source, opts).error;
    expect(error('fa.AddFavourite("nothing", 1, 0, "");')).toBe('NSFavouriteAgent.AddFavourite: there is no table "nothing" in the sandbox CRM');
    expect(error('fa.GetFavourites("", 0);')).toBe('NSFavouriteAgent.GetFavourites: no table name given (a table such as "contact" or "ticket")');
    expect(error('fa.IsFavourite("y_equipment", 1, 0);')).toBe('NSFavouriteAgent.IsFavourite: the table y_equipment has no table number in the sandbox CRM (only SuperOffice\'s own tables have one)');
    expect(error('fa.AddFavourite("ticket", 999, 0, "");')).toBe('NSFavouriteAgent.AddFavourite: there is no ticket with id 999');
    expect(error('fa.ToggleFavourite("sale", 0, 0, "");')).toBe('NSFavouriteAgent.ToggleFavourite: there is no sale with id 0');
    expect(error('fa.RemoveAllFavourites("ticket", 77);')).toBe('NSFavouriteAgent.RemoveAllFavourites: there is no associate with id 77');
    expect(error('getFavourites("tickets");')).toBe('getFavourites: there is no table "tickets" in the sandbox CRM');
    // nothing is written when one of the records or ids is wrong
    const r = run('Integer[] l; l.pushBack(3); l.pushBack(999); try { fa.AddFavourites("ticket", l, 0, ""); } catch { printLine(error); }\nInteger[] g; g.pushBack(1); g.pushBack(99); try { fa.RemoveFavouritesById(g); } catch { printLine(error); }\nprintLine(list("ticket", 0) + "| " + list("contact", 0));');
    expect(r.error).toBeNull();
    expect(r.out).toBe('NSFavouriteAgent.AddFavourites: there is no ticket with id 999\nNSFavouriteAgent.RemoveFavouritesById: there is no favourite with id 99\n1@1 4@2:quote follow-up | 2@1 \n');
    expect(r.changes).toEqual([]);
  });
});

olderSandboxSuites({
  what: 'the favourites table',
  prefix: 'crm-favourites-',
  tables: FAVOURITE_TABLES,
  sqliteVersion: 23,
  pgVersion: 22,
  smoke: `${PRELUDE}
printLine(ids("ticket") + "| " + list("contact", 2) + "| " + fa.ToggleFavourite("sale", 2, 0, "").toString() + " " + list("sale", 0));`,
  demo: '1 4 | 3@1 | true 1@1 2@2 \n',
  empty: '| | true 2@1 \n',
});
