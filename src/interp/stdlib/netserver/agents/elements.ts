// Phones, e-mail addresses and postal addresses that a contact or person owns, as the
// NSEntityElement[] / NSAddress values of their entities: read from the phone, Email and address
// tables, and written back when a save changed them.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { db } from './db.js';
import { col } from './view.js';

export const PHONE = { contact: 1, contactFax: 3, direct: 16385, directFax: 16387, private: 16388, mobile: 16389, pager: 16390 };
/** AddressType: a company's, a person's and a quote version's own (billing and shipping) addresses. */
export const ADDRESS = { postal: 1, street: 2, personPrivate: 16387, quoteBilling: 8196, quoteShipping: 8197 };

function element(value: unknown, description: unknown): NSObject {
  const v = String(value ?? '');
  return nsObject('NSEntityElement', { Value: v, StrippedValue: v.replace(/[^\w@.+]/g, ''), Description: String(description ?? '') });
}

function values(list: unknown): { value: string; description: string }[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is NSObject => e instanceof NSObject)
    .map((e) => ({ value: String(e.f.Value ?? ''), description: String(e.f.Description ?? '') }))
    .filter((e) => e.value !== '');
}

const same = (a: { value: string; description: string }[], b: { value: string; description: string }[]): boolean =>
  a.length === b.length && a.every((x, i) => x.value === b[i].value && x.description === b[i].description);

// ---- phones (owner_id is the contact or person, told apart by the phone type)

export function phoneRows(owner: number, type: number): CrmRow[] {
  if (!owner) return [];
  return db().select('phone', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'ptype_idx', op: '=', value: type }], orderBy: [{ column: 'rank' }, { column: 'phone_id' }] });
}

export function readPhones(owner: number, type: number): NSObject[] {
  return phoneRows(owner, type).map((r) => element(col(r, 'phone'), col(r, 'description')));
}

export function writePhones(owner: number, type: number, list: unknown): void {
  const want = values(list);
  const rows = phoneRows(owner, type);
  const have = rows.map((r) => ({ value: String(col(r, 'phone') ?? ''), description: String(col(r, 'description') ?? '') }));
  if (same(want, have)) return;
  for (const r of rows) db().delete('phone', Number(col(r, 'phone_id')));
  want.forEach((e, i) =>
    db().insert('phone', { owner_id: owner, ptype_idx: type, phone: e.value, description: e.description, rank: i + 1, searchPhoneNumber: e.value.replace(/\D/g, ''), registered: db().now(), registered_associate_id: db().actor().associateId }),
  );
}

// ---- e-mail addresses (Email.contact_id / Email.person_id)

export function emailRows(contactId: number, personId: number): CrmRow[] {
  if (!personId && !contactId) return [];
  const where = personId ? { column: 'person_id', op: '=' as const, value: personId } : { column: 'contact_id', op: '=' as const, value: contactId };
  const rows = db().select('Email', { where: [where], orderBy: [{ column: 'rank' }, { column: 'email_id' }] });
  // a contact's own addresses are the ones no person of it owns
  return personId ? rows : rows.filter((r) => !Number(col(r, 'person_id') ?? 0));
}

export function readEmails(contactId: number, personId: number): NSObject[] {
  return emailRows(contactId, personId).map((r) => element(col(r, 'email_address'), col(r, 'description')));
}

export function writeEmails(contactId: number, personId: number, list: unknown): void {
  const want = values(list);
  const rows = emailRows(contactId, personId);
  const have = rows.map((r) => ({ value: String(col(r, 'email_address') ?? ''), description: String(col(r, 'description') ?? '') }));
  if (same(want, have)) return;
  for (const r of rows) db().delete('Email', Number(col(r, 'email_id')));
  want.forEach((e, i) =>
    db().insert('Email', {
      contact_id: contactId || null,
      person_id: personId || null,
      email_address: e.value,
      description: e.description,
      type: 0,
      rank: i + 1,
      registered: db().now(),
      registered_associate_id: db().actor().associateId,
    }),
  );
}

/** Deletes what an owner has in the phone, Email and address tables. */
export function deleteOwned(owner: number, kind: 'contact' | 'person'): void {
  const types = kind === 'contact' ? [PHONE.contact, PHONE.contactFax] : [PHONE.direct, PHONE.directFax, PHONE.private, PHONE.mobile, PHONE.pager];
  for (const t of types) for (const r of phoneRows(owner, t)) db().delete('phone', Number(col(r, 'phone_id')));
  for (const r of kind === 'contact' ? emailRows(owner, 0) : emailRows(0, owner)) db().delete('Email', Number(col(r, 'email_id')));
  deleteAddresses(owner, kind === 'contact' ? [ADDRESS.postal, ADDRESS.street] : [ADDRESS.personPrivate]);
}

/** Deletes an owner's addresses of these types. */
export function deleteAddresses(owner: number, atypes: number[]): void {
  for (const t of atypes) for (const r of addressRows(owner, t)) db().delete('address', Number(col(r, 'address_id')));
}

// ---- addresses (NSAddress: LocalizedAddress rows of NSLocalizedField, named as NetServer names
// them: PostalAddress1 … PostalZipcode for the postal address, StreetAddress1 … for the street one)

function addressRows(owner: number, type: number): CrmRow[] {
  if (!owner) return [];
  return db().select('address', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'atype_idx', op: '=', value: type }] });
}

const LINES: [string, string][][] = [
  [['Address1', 'address1']],
  [['Address2', 'address2']],
  [['Address3', 'address3']],
  [['Zipcode', 'zipcode'], ['City', 'city']],
  [['County', 'county'], ['State', 'state']],
];

/** The address kinds an owner has: [field name prefix, address type]. */
export type AddressParts = [prefix: string, type: number][];
export const CONTACT_ADDRESS: AddressParts = [
  ['Postal', ADDRESS.postal],
  ['Street', ADDRESS.street],
];
export const PERSON_ADDRESS: AddressParts = [['Postal', ADDRESS.personPrivate]];

export function readAddress(owner: number, parts: AddressParts): NSObject {
  const rows: NSObject[][] = [];
  let first: CrmRow | undefined;
  for (const [prefix, type] of parts) {
    const r = addressRows(owner, type)[0];
    first ??= r;
    for (const line of LINES)
      rows.push(
        line.map(([name, c]) => {
          const value = r ? String(col(r, c) ?? '') : '';
          return nsObject('NSLocalizedField', { Name: prefix + name, Label: name, Value: value, ValueLength: value.length, AddressType: prefix });
        }),
      );
  }
  return nsObject('NSAddress', { LocalizedAddress: rows, Wgs84Latitude: first ? Number(col(first, 'wgs84latitude') ?? 0) : 0, Wgs84Longitude: first ? Number(col(first, 'wgs84longitude') ?? 0) : 0 });
}

export function writeAddress(owner: number, parts: AddressParts, address: unknown): void {
  if (!(address instanceof NSObject) || !Array.isArray(address.f.LocalizedAddress)) return;
  const fields = (address.f.LocalizedAddress as unknown[]).flatMap((line) => (Array.isArray(line) ? line : [])).filter((f): f is NSObject => f instanceof NSObject);
  for (const [prefix, type] of parts) {
    const values: CrmRow = {};
    for (const fld of fields) {
      const name = String(fld.f.Name ?? '').toLowerCase();
      // a bare "City" belongs to the first (postal) part
      const hit = LINES.flat().find(([n]) => (prefix + n).toLowerCase() === name || (type === parts[0][1] && n.toLowerCase() === name));
      if (hit) values[hit[1]] = String(fld.f.Value ?? '');
    }
    const r = addressRows(owner, type)[0];
    if (r) {
      const changed = Object.entries(values).some(([c, v]) => String(col(r, c) ?? '') !== v);
      if (changed) db().update('address', Number(col(r, 'address_id')), values);
    } else if (Object.values(values).some((v) => v !== '')) {
      db().insert('address', { zipcode: '', ...values, owner_id: owner, atype_idx: type, registered: db().now(), registered_associate_id: db().actor().associateId });
    }
  }
}
