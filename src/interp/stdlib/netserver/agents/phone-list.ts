// NSPhoneListAgent over the sandbox's persons, companies and phones: phone list items of persons
// (their direct, mobile, private, fax and pager numbers and first e-mail address) and of companies
// (their own phone and fax), found by name with the user's search preferences, by company, by
// department (the user group the colleagues belong to), and from the user's favourites (the
// "contact" history list). The preferences are the user's own PhoneList/... preferences; with none
// the search looks at last names, first names and company names that begin with the text.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, lookup } from './view.js';
import { make, type Methods } from './define.js';
import { fullName } from './people-views.js';
import { PHONE, readEmails } from './elements.js';
import { listRows, makeCurrent, preferenceValue, setOwnPreference } from './history-store.js';
import { tableNumber } from './table-numbers.js';

const AGENT = 'NSPhoneListAgent';

/** The preference properties: Search<X> (Bool) and SearchMode<X> (StringSearchType), with their defaults. */
const PREFS = [
  ['Company', true],
  ['Department', false],
  ['Firstname', true],
  ['Lastname', true],
] as const;
/** StringSearchType: Exact 0, BeginsWith 1, EndsWith 2, Contains 3. */
const BEGINS_WITH = 1;

function firstPhone(owner: number, type: number): string {
  const r = db().select('phone', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'ptype_idx', op: '=', value: type }], orderBy: [{ column: 'rank' }, { column: 'phone_id' }], limit: 1 })[0];
  return r ? String(col(r, 'phone') ?? '') : '';
}

function personItem(p: CrmRow): NSObject {
  const id = Number(col(p, 'person_id'));
  const contact = Number(col(p, 'contact_id') ?? 0);
  return make('NSPhoneListItem', {
    Id: id,
    UniqueId: `person:${id}`,
    Name: fullName(col(p, 'firstname'), col(p, 'middleName'), col(p, 'lastname')),
    Tooltip: lookup('contact', contact, 'name'),
    PersonDirectPhone: firstPhone(id, PHONE.direct),
    PersonCellPhone: firstPhone(id, PHONE.mobile),
    PersonPrivatePhone: firstPhone(id, PHONE.private),
    PersonFaxNumber: firstPhone(id, PHONE.directFax),
    PersonPagerNumber: firstPhone(id, PHONE.pager),
    PersonEmail: String(readEmails(0, id)[0]?.f.Value ?? ''),
  });
}

/** A company's item: its own phone and fax in the direct phone and fax places. */
function contactItem(c: CrmRow): NSObject {
  const id = Number(col(c, 'contact_id'));
  const dept = String(col(c, 'department') ?? '');
  return make('NSPhoneListItem', {
    Id: id,
    UniqueId: `contact:${id}`,
    Name: String(col(c, 'name') ?? ''),
    Tooltip: dept,
    PersonDirectPhone: firstPhone(id, PHONE.contact),
    PersonCellPhone: '',
    PersonPrivatePhone: '',
    PersonFaxNumber: firstPhone(id, PHONE.contactFax),
    PersonPagerNumber: '',
    PersonEmail: String(readEmails(id, 0)[0]?.f.Value ?? ''),
  });
}

const persons = (where: { column: string; op: '=' | 'in'; value: number | number[] }[]): CrmRow[] => db().select('person', { where, orderBy: [{ column: 'lastname' }, { column: 'firstname' }, { column: 'person_id' }] });

function matches(value: unknown, text: string, mode: number): boolean {
  const v = String(value ?? '').toLowerCase();
  const t = text.toLowerCase();
  switch (mode) {
    case 0:
      return v === t;
    case 2:
      return v.endsWith(t);
    case 3:
      return v.includes(t);
    default:
      return v.startsWith(t);
  }
}

function preferences(): NSObject {
  const o = make('NSPhoneListPreferences', {});
  for (const [name, on] of PREFS) {
    const s = preferenceValue('PhoneList', `Search${name}`);
    const m = parseInt(preferenceValue('PhoneList', `SearchMode${name}`), 10);
    o.f[`Search${name}`] = s === '' ? on : s === '1' || s.toLowerCase() === 'true';
    o.f[`SearchMode${name}`] = Number.isNaN(m) ? BEGINS_WITH : m;
  }
  return o;
}

function search(text: string, p: unknown): NSObject[] {
  if (!(p instanceof NSObject)) throw fail(`${AGENT}.SearchWithPreferences`, 'there are no preferences to search with');
  const t = String(text ?? '').trim();
  if (!t) return [];
  const on = (name: string): boolean => !!p.f[`Search${name}`];
  const mode = (name: string): number => Number(p.f[`SearchMode${name}`] ?? BEGINS_WITH);
  const found = persons([]).filter((r) => (on('Lastname') && matches(col(r, 'lastname'), t, mode('Lastname'))) || (on('Firstname') && matches(col(r, 'firstname'), t, mode('Firstname'))));
  const ids = new Set(found.map((r) => Number(col(r, 'person_id'))));
  if (on('Department')) {
    const groups = db().select('UserGroup', {}).filter((g) => matches(col(g, 'name'), t, mode('Department'))).map((g) => Number(col(g, 'UserGroup_id')));
    for (const r of colleagues(groups)) if (!ids.has(Number(col(r, 'person_id')))) found.push(r);
  }
  const items = found.map(personItem);
  if (on('Company'))
    for (const c of db().select('contact', { orderBy: [{ column: 'name' }, { column: 'contact_id' }] })) if (matches(col(c, 'name'), t, mode('Company'))) items.push(contactItem(c));
  return items;
}

/** The persons of the users in these user groups. */
function colleagues(groups: number[]): CrmRow[] {
  if (!groups.length) return [];
  const ids = db().select('associate', { where: [{ column: 'group_idx', op: 'in', value: groups }] }).map((a) => Number(col(a, 'person_id') ?? 0)).filter(Boolean);
  return ids.length ? persons([{ column: 'person_id', op: 'in', value: ids }]) : [];
}

export const phoneListAgent: Methods = {
  'Search(String)': (_a: unknown, text: string) => search(text, preferences()),
  'SearchWithPreferences(String,NSPhoneListPreferences)': (_a: unknown, text: string, p: unknown) => search(text, p),
  'GetContactPhones(Integer)': (_a: unknown, contactId: number) => persons([{ column: 'contact_id', op: '=', value: contactId }]).map(personItem),
  'GetDepartmentPhones(Integer)': (_a: unknown, groupId: number) => colleagues([groupId]).map(personItem),
  'GetFavoritesPhones()': () =>
    listRows(tableNumber('contact', AGENT)).flatMap((r) => {
      const c = db().get('contact', Number(col(r, 'record_id')));
      return c ? [contactItem(c)] : [];
    }),
  // the company becomes the current of the user's "contact" history list; returns its history item's id
  'AddToFavorites(Integer)': (_a: unknown, contactId: number) => Number(makeCurrent('contact', contactId, `${AGENT}.AddToFavorites`).f.HistoryId),
  'GetPreferences()': () => preferences(),
  'SetPreferences(NSPhoneListPreferences)': (_a: unknown, p: unknown) => {
    if (!(p instanceof NSObject)) throw fail(`${AGENT}.SetPreferences`, 'there are no preferences to set');
    for (const [name] of PREFS) {
      setOwnPreference('PhoneList', `Search${name}`, p.f[`Search${name}`] ? '1' : '0');
      setOwnPreference('PhoneList', `SearchMode${name}`, String(Number(p.f[`SearchMode${name}`] ?? BEGINS_WITH)));
    }
  },
};
