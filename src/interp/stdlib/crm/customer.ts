// Customer: a person (table person) with its email addresses (Email), phones (phone) and company
// (contact). Find by email address or cell phone.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';
import { customerVars, toParserMethod } from './to-parser.js';

export class CrmCustomer extends CrmEntity {
  /** setValue("email") on a customer not saved yet: added at save. */
  newEmails: string[] = [];
}

const MOBILE = 16387;

function emails(c: CrmCustomer): string[] {
  if (!c.id) return [];
  return crm().select('Email', { columns: ['email_address'], where: [{ column: 'person_id', op: '=', value: c.id }], orderBy: [{ column: 'rank' }, { column: 'email_id' }] }).map((r) => text(r.email_address));
}

function phone(c: CrmCustomer, type: number | null): string {
  if (!c.id) return '';
  const rows = crm().select('phone', { columns: ['phone', 'ptype_idx'], where: [{ column: 'owner_id', op: '=', value: c.id }], orderBy: [{ column: 'rank' }] });
  const r = type === null ? rows.find((x) => int(x.ptype_idx) !== MOBILE) : rows.find((x) => int(x.ptype_idx) === type);
  return text(r?.phone);
}

function addEmail(c: CrmCustomer, address: string, rank = 1): void {
  if (!c.id) throw new CrmError('Customer.addEmail: save the customer first');
  if (emails(c).some((e) => e.toLowerCase() === address.toLowerCase())) return;
  crm().insert('Email', { person_id: c.id, contact_id: int(c.raw('contact_id')), email_address: address, protocol: 'SMTP', rank, registered: crm().now() });
}

function findBy(c: CrmCustomer, table: string, column: string, value: string, owner: string): boolean {
  const r = crm().select(table, { columns: [owner], where: [{ column, op: 'like', value }], limit: 1 })[0];
  return r ? c.load(int(r[owner])) : false;
}

const def: EntityDef<CrmCustomer> = {
  cls: 'Customer',
  table: 'person',
  aliases: { company: 'contact_id', priority: 'ticketPriorityId', priority_id: 'ticketPriorityId', ourcontact: 'supportAssociateId', our_contact: 'supportAssociateId', note: 'post1', infotext: 'post1', deleted: 'retired' },
  virtual: {
    name: { get: (c) => [c.get('firstname'), c.get('lastname')].filter((x) => x.length > 0).join(' '), set: (c, v) => { const [f, ...l] = v.trim().split(/\s+/); c.setColumn('firstname', f ?? ''); c.setColumn('lastname', l.join(' ')); } },
    display_name: { get: (c) => [c.get('firstname'), c.get('lastname')].filter((x) => x.length > 0).join(' ') },
    email: { get: (c) => emails(c).join(','), set: (c, v) => (c.id ? addEmail(c, v) : void c.newEmails.push(v)) },
    mainemail: { get: (c) => emails(c)[0] ?? '' },
    phone: { get: (c) => phone(c, null) },
    cellphone: { get: (c) => phone(c, MOBILE) },
    display_company: { get: (c) => text(linked('contact', c.raw('contact_id'))?.name) },
  },
  defaults: () => ({ registered: crm().now(), rank: 1 }),
  afterSave: (c) => {
    for (const e of c.newEmails.splice(0)) addEmail(c, e);
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
    'addEmail(String,Integer,Integer)': (self: CrmCustomer, address: string, rank: number) => addEmail(self, address, rank || 1),
    'addEmail(String,Integer,Integer,Integer)': (self: CrmCustomer, address: string, rank: number) => addEmail(self, address, rank || 1),
    'removeEmail(String)': (self: CrmCustomer, address: string) => {
      for (const r of crm().select('Email', { columns: ['email_id', 'email_address'], where: [{ column: 'person_id', op: '=', value: self.id }] }))
        if (text(r.email_address).toLowerCase() === address.toLowerCase()) crm().delete('Email', int(r.email_id));
    },
    'findFromEmail(String)': (self: CrmCustomer, address: string) => findBy(self, 'Email', 'email_address', address.trim(), 'person_id'),
    'findFromCellphone(String)': (self: CrmCustomer, number: string) => findBy(self, 'phone', 'phone', number.trim(), 'owner_id'),
    'makeSalutation()': (self: CrmCustomer) => `Dear ${[self.get('firstname'), self.get('lastname')].filter((x) => x.length > 0).join(' ')}`.trim(),
    // the sandbox has no access rules: every field and table may be read and written
    'checkFieldRights(String,String)': () => true,
    'checkTableRights(String)': () => true,
  },
};
