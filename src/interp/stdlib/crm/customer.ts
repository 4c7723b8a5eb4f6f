// Customer: a person (table person) with its email addresses (Email), phones (phone), note (text)
// and company (contact). Find by email address or cell phone. As in SuperOffice, what setValue and
// removeEmail change is written by save(); addEmail writes at once.
import type { NativeClass } from '../registry.js';
import type { CrmValue } from '../../runtime/crm-service.js';
import { CrmError, NULL_STRING } from '../../runtime/values.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef, type VirtualField } from './entity.js';
import { CrmParty, loadParty, noteField, phoneField, savePhonesAndNote } from './party.js';
import { customerVars, toParserMethod } from './to-parser.js';
import { PHONE_TYPE, phoneOwner } from './phones.js';
import { forgetLogin, loginMethods, passwordField, saveWebLogin, sessionKeyField, usernameField, type WebLogin, type WithWebLogin } from './customer-login.js';

export class CrmCustomer extends CrmParty implements WithWebLogin {
  /** The web login set and not saved yet, and the session of login() (customer-login.ts). */
  webLogin: WebLogin = { sessionKey: '' };
  /** Addresses given with setValue("email") and not saved yet. */
  newEmails: string[] = [];
  /** Addresses given to removeEmail and not saved yet. */
  removedEmails: string[] = [];

  override forgetUnsaved(): void {
    super.forgetUnsaved();
    this.newEmails = [];
    this.removedEmails = [];
    forgetLogin(this);
  }
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
const isId = (v: string): boolean => /^[-+]?\d+$/.test(v.trim());

// ---- names given for ids (shared with Company)

/** The associate a user name, login name or id means (0 for ''); an unknown name is an error. */
export function associateFromName(cls: string, field: string, value: string): number {
  const v = value.trim();
  if (v === '') return 0;
  if (isId(v)) return Math.trunc(Number(v));
  const c = crm();
  const assoc = c.select('associate', { columns: ['associate_id', 'userName', 'ejuserId'], orderBy: [{ column: 'associate_id' }] });
  const byName = assoc.find((a) => same(text(a.userName), v));
  if (byName) return int(byName.associate_id);
  const user = c.select('ejuser', { columns: ['id', 'username', 'loginname'], orderBy: [{ column: 'id' }] }).find((u) => same(text(u.username), v) || same(text(u.loginname), v));
  const linkedAssoc = user ? assoc.find((a) => int(a.ejuserId) === int(user.id)) : undefined;
  if (linkedAssoc) return int(linkedAssoc.associate_id);
  throw new CrmError(`${cls}.setValue: "${field}" takes a user's username, login name or id; there is no user "${v}"${user ? ' with an associate' : ''}`);
}

/** The id of a row of `table` whose id or one of `columns` is `value` (0 for ''); else an error. */
export function idFromName(cls: string, field: string, value: string, table: string, columns: string[], what: string): number {
  const v = value.trim();
  if (v === '') return 0;
  if (isId(v)) return Math.trunc(Number(v));
  const t = crm().table(table);
  const key = t?.primaryKey ?? 'id';
  const hit = t ? crm().select(table, { columns: [key, ...columns], orderBy: [{ column: key }] }).find((r) => columns.some((col) => same(text(r[col]), v))) : undefined;
  if (!hit) throw new CrmError(`${cls}.setValue: "${field}" takes the name or id of a ${what}; there is no ${what} "${v}"`);
  return int(hit[key]);
}

// a NULL id reads as the null String, as a plain column does
const idText = (v: CrmValue): string => (v === null || v === undefined ? NULL_STRING : text(v));

/** A column holding an id that may be set by name (`resolve` turns the script's text into the id). */
export function idField<E extends CrmEntity>(column: string, resolve: (value: string) => number): VirtualField<E> {
  return { get: (e) => idText(e.raw(column)), set: (e, v) => e.setColumn(column, resolve(v)) };
}

// ---- email addresses

/** A person's stored e-mail addresses, first-ranked first ([] for no person). */
export function emailsOfPerson(person: number): string[] {
  if (!person) return [];
  return crm()
    .select('Email', { columns: ['email_address'], where: [{ column: 'person_id', op: '=', value: person }], orderBy: [{ column: 'rank' }, { column: 'email_id' }] })
    .map((r) => text(r.email_address));
}

const storedEmails = (c: CrmCustomer): string[] => emailsOfPerson(c.id);

/** The addresses as the script sees them: stored ones, less those removed, plus those set. */
function emails(c: CrmCustomer): string[] {
  const list = storedEmails(c).filter((e) => !c.removedEmails.some((x) => same(x, e)));
  for (const e of c.newEmails) if (!list.some((x) => same(x, e))) list.push(e);
  return list;
}

function addEmail(c: CrmCustomer, address: string, rank = 1): void {
  if (!c.id) throw new CrmError('Customer.addEmail: save the customer first');
  c.removedEmails = c.removedEmails.filter((x) => !same(x, address));
  if (storedEmails(c).some((e) => same(e, address))) return;
  crm().insert('Email', { person_id: c.id, contact_id: int(c.raw('contact_id')), email_address: address.trim(), protocol: 'SMTP', rank, registered: crm().now() });
}

function queueEmail(c: CrmCustomer, address: string): void {
  c.removedEmails = c.removedEmails.filter((x) => !same(x, address));
  if (address.trim() !== '') c.newEmails.push(address.trim());
}

function removeEmail(c: CrmCustomer, address: string): void {
  c.newEmails = c.newEmails.filter((x) => !same(x, address));
  c.removedEmails.push(address);
}

/** The customer with this exact address (letter case aside): a LIKE pattern with its wildcards escaped. */
function findFromEmail(c: CrmCustomer, address: string): boolean {
  const v = address.trim();
  if (v === '') return false;
  const pattern = v.replace(/[\\%_]/g, (m) => '\\' + m);
  const r = crm().select('Email', {
    columns: ['person_id'],
    where: [
      { column: 'email_address', op: 'like', value: pattern },
      { column: 'person_id', op: '>', value: 0 },
    ],
    orderBy: [{ column: 'email_id' }],
    limit: 1,
  })[0];
  if (!r) return false;
  c.forgetUnsaved();
  return c.load(int(r.person_id));
}

// ---- fields

const fullName = (c: CrmCustomer): string => [c.get('firstname'), c.get('lastname')].filter((x) => x.length > 0).join(' ');

function setName(c: CrmCustomer, v: string): void {
  const [f, ...l] = v.trim().split(/\s+/);
  c.setColumn('firstname', f ?? '');
  c.setColumn('lastname', l.join(' '));
}

const note = noteField<CrmCustomer>();

const email: VirtualField<CrmCustomer> = { get: (c) => emails(c).join(','), set: queueEmail };
const phone = phoneField<CrmCustomer>(PHONE_TYPE.personDirect);
const cellphone = phoneField<CrmCustomer>(PHONE_TYPE.personMobile);
const priority = idField<CrmCustomer>('ticketPriorityId', (v) => idFromName('Customer', 'priority', v, 'ticket_priority', ['name'], 'priority'));
const ourContact = idField<CrmCustomer>('supportAssociateId', (v) => associateFromName('Customer', 'ourContact', v));

const def: EntityDef<CrmCustomer> = {
  cls: 'Customer',
  table: 'person',
  aliases: { company: 'contact_id', deleted: 'retired' },
  virtual: {
    name: { get: fullName, set: setName },
    display_name: { get: fullName, set: setName },
    email,
    display_email: email,
    mainemail: { get: (c) => emails(c)[0] ?? '' },
    phone,
    'phone/formattednumber': phone,
    'direct/formattednumber': phone,
    cellphone,
    'mobile/formattednumber': cellphone,
    note,
    infotext: note,
    username: usernameField,
    password: passwordField,
    loginsessionkey: sessionKeyField,
    language: idField('supportLanguageId', (v) => idFromName('Customer', 'language', v, 'cust_lang', ['name', 'lang_code', 'iso_code'], 'customer language')),
    priority,
    priority_id: priority,
    ourcontact: ourContact,
    our_contact: ourContact,
    display_company: { get: (c) => text(linked('contact', c.raw('contact_id'))?.name) },
  },
  defaults: () => ({ registered: crm().now(), rank: 1 }),
  afterSave: (c) => {
    for (const e of c.removedEmails.splice(0))
      for (const r of crm().select('Email', { columns: ['email_id', 'email_address'], where: [{ column: 'person_id', op: '=', value: c.id }] }))
        if (same(text(r.email_address), e)) crm().delete('Email', int(r.email_id));
    for (const e of c.newEmails.splice(0)) addEmail(c, e);
    savePhonesAndNote(c, 2); // the note's TextType: PersonInfo
    saveWebLogin(c);
  },
};

export const CustomerClass: NativeClass = {
  name: 'Customer',
  defaultValue: () => new CrmCustomer(def as EntityDef<never>),
  ctors: { '()': () => new CrmCustomer(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(customerVars, false),
    'save(String)': (self: CrmCustomer) => self.save(),
    'load(Integer)': loadParty,
    // the Integer arguments name an external owner (data source, integration agent) the sandbox lacks
    'addEmail(String,Integer,Integer)': (self: CrmCustomer, address: string) => addEmail(self, address),
    'addEmail(String,Integer,Integer,Integer)': (self: CrmCustomer, address: string, rank: number) => addEmail(self, address, rank || 1),
    'removeEmail(String)': removeEmail,
    'findFromEmail(String)': findFromEmail,
    'findFromCellphone(String)': (self: CrmCustomer, number: string) => {
      const owner = phoneOwner(number, PHONE_TYPE.personMobile);
      if (!owner) return false;
      self.forgetUnsaved();
      return self.load(owner);
    },
    ...loginMethods,
    'makeSalutation()': (self: CrmCustomer) => `Dear ${fullName(self)}`.trim(),
    // the sandbox has no access rules: every field and table may be read and written
    'checkFieldRights(String,String)': () => true,
    'checkTableRights(String)': () => true,
  },
};
