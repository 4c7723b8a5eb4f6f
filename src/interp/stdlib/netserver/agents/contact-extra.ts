// NSContactAgent beyond the entity cycle and the getters (contact-person.ts): validation, copies,
// adding persons, merging companies, country changes (recent contacts: recent-sources.ts).
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadRef } from './view.js';
import { lacking, make, validation, saved, type Methods } from './define.js';
import { contactEntityView, personEntityView } from './people-views.js';
import { CONTACT_ADDRESS } from './elements.js';
import { contactAgent, newContact } from './contact-person.js';
import { addressForCountry, inCountry } from './country.js';
import { mergeCompanies } from './merge.js';
import { ranked } from './person-rank.js';

const AGENT = 'NSContactAgent';

/** What a copy leaves behind: the links to other systems and the counts of related rows. */
const NOT_COPIED = { DbiAgentId: 0, DbiKey: '', ActiveErpLinks: 0, ActiveInterests: 0 };

/** The rule GetNameDepartmentDuplicates reports its entries under (the sandbox's own name: it has no rule plug-ins). */
const NAME_DEPARTMENT_RULE = { RuleName: 'NameDepartment', RuleDisplayName: 'Same name and department' };

const sameText = (a: unknown, b: string): boolean => String(a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

function company(method: string, id: number): NSObject {
  const c = load(contactEntityView, id);
  if (!c) throw fail(`${AGENT}.${method}`, `there is no company with id ${id}`);
  return c;
}

export const contactExtra: Methods = {
  'ValidateContactEntity(NSContactEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidateContactEntity', contactEntityView, o),
  'ChangeCountry(NSContactEntity,Integer)': (_a: unknown, o: NSObject, countryId: number) => inCountry(`${AGENT}.ChangeCountry`, o, countryId),
  'GetAddressByCountry(Integer,Integer)': (_a: unknown, id: number, countryId: number) => addressForCountry(`${AGENT}.GetAddressByCountry`, id, CONTACT_ADDRESS, countryId),
  'Copy(Integer,String,String,Bool)': (_a: unknown, sourceId: number, name: string, department: string, copyPersons: boolean) => {
    const source = company('Copy', sourceId);
    const copy = make('NSContactEntity', { ...source.f, ...NOT_COPIED, Deleted: 0, ContactId: 0, Name: name || source.f.Name, Department: department ?? '', Persons: [] });
    const id = Number(saved(AGENT, 'Copy', contactEntityView, copy).f.ContactId);
    if (copyPersons)
      for (const p of ranked(sourceId)) {
        const person = load(personEntityView, Number(col(p, 'person_id')));
        if (!person) continue;
        const made = saved(AGENT, 'Copy', personEntityView, make('NSPersonEntity', { ...person.f, ...NOT_COPIED, PersonId: 0, Contact: loadRef('NSContact', id) }));
        db().update('person', Number(made.f.PersonId), { rank: Number(col(p, 'rank') ?? 0) });
      }
    return id;
  },
  'AddPerson(Integer,NSPersonEntity)': (_a: unknown, contactId: number, person: NSObject) => {
    company('AddPerson', contactId);
    if (!(person instanceof NSObject)) throw fail(`${AGENT}.AddPerson`, 'there is no person to add');
    return saved(AGENT, 'AddPerson', personEntityView, make('NSPersonEntity', { ...person.f, Contact: loadRef('NSContact', contactId) }));
  },
  'CreateNewEntry(NSDuplicateEntry)': (_a: unknown, entry: NSObject) => {
    // an entry found in another source carries its name; the sandbox has no source plug-ins to fill in more
    const name = entry instanceof NSObject ? String(entry.f.EntryName ?? '').trim() : '';
    if (!name) throw fail(`${AGENT}.CreateNewEntry`, 'the duplicate entry has no name (SetEntryName)');
    const c = newContact();
    c.f.Name = name;
    return Number(saved(AGENT, 'CreateNewEntry', contactEntityView, c).f.ContactId);
  },
  // companies whose name is the one given and, when one is given, whose department is too (letter
  // case and outer blanks aside), by id; deleted companies are left out
  'GetNameDepartmentDuplicates(String,String)': (_a: unknown, name: string, department: string) => {
    if (!String(name ?? '').trim()) return [];
    return db()
      .select('contact', { columns: ['contact_id', 'name', 'department', 'deleted'], orderBy: [{ column: 'contact_id' }] })
      .filter((r) => sameText(col(r, 'name'), name) && (!String(department ?? '').trim() || sameText(col(r, 'department'), department)) && !Number(col(r, 'deleted') ?? 0))
      .map((r) => {
        const id = Number(col(r, 'contact_id'));
        const [n, dept] = [String(col(r, 'name') ?? '').trim(), String(col(r, 'department') ?? '').trim()];
        return make('NSDuplicateEntry', { ...NAME_DEPARTMENT_RULE, EntryIdentifier: String(id), EntryName: dept ? `${n}, ${dept}` : n, SoPrimaryKey: id });
      });
  },
  'GetMyBizCard()': (a: unknown) => contactAgent['GetMyContact()'](a),
  'Merge(Integer,Integer,Bool,Bool)': (_a: unknown, from: number, to: number, mergeIdentical: boolean, replaceEmpty: boolean) => {
    mergeCompanies(`${AGENT}.Merge`, from, to, mergeIdentical, replaceEmpty);
  },
  ...lacking(AGENT, 'the sandbox CRM deletes companies for good (DeleteContactEntity removes the row), so there is none to undelete', ['Undelete(Integer)']),
};
