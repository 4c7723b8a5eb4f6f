// Company: an organisation (table contact), with its phone and fax (phone), note (text), address
// (address) and the domain of its people's email addresses (findFromDomain). What setValue changes
// is written by save().
import type { NativeClass } from '../registry.js';
import { crm, int } from './access.js';
import { entityMethods, type EntityDef } from './entity.js';
import { CrmParty, loadParty, noteField, phoneField, savePhonesAndNote } from './party.js';
import { CrmError } from '../../runtime/values.js';
import { nsObject } from '../netserver/object.js';
import { CONTACT_ADDRESS, readAddress, writeAddress } from '../netserver/agents/elements.js';
import { companyAddress, companyDomain, companyVars, toParserMethod } from './to-parser.js';
import { PHONE_TYPE } from './phones.js';
import { associateFromName, idField, idFromName } from './customer.js';

export class CrmCompany extends CrmParty {}

const note = noteField<CrmCompany>();
const phone = phoneField<CrmCompany>(PHONE_TYPE.contactPhone);
const fax = phoneField<CrmCompany>(PHONE_TYPE.contactFax);
const support = idField<CrmCompany>('supportAssociateId', (v) => associateFromName('Company', 'ourContact', v));

const def: EntityDef<CrmCompany> = {
  cls: 'Company',
  table: 'contact',
  // the external-cache fields of the reference are the contact's integration (dbi_*) columns
  aliases: { primcontact: 'supportPersonId', exttable: 'dbi_agent_id', extkey: 'dbi_key', extlastcached: 'dbi_last_syncronized' },
  virtual: {
    note,
    infotext: note,
    phone,
    'phone/formattednumber': phone,
    fax,
    'fax/formattednumber': fax,
    adr: {
      get: (c) => companyAddress(c.id),
      set: () => {
        throw new CrmError('Company.setValue: "adr" cannot be set; set the address with setFormattedAddress or NetServer');
      },
    },
    priority: idField('ticketPriorityId', (v) => idFromName('Company', 'priority', v, 'ticket_priority', ['name'], 'priority')),
    language: idField('supportLanguageId', (v) => idFromName('Company', 'language', v, 'cust_lang', ['name', 'lang_code', 'iso_code'], 'customer language')),
    // the support contact (a user); the sales contact is the contact's associate_id
    ourcontact: support,
    supportassociateid: support,
    oursalescontact: idField('associate_id', (v) => associateFromName('Company', 'ourSalesContact', v)),
    // SuperOffice keeps a company's domains in a table (company_domain) the sandbox does not have
    domain: { get: (c) => companyDomain(c.id) },
  },
  defaults: () => ({ registered: crm().now() }),
  afterSave: (c) => savePhonesAndNote(c, 1), // the note's TextType: ContactInfo
};

export const CompanyClass: NativeClass = {
  name: 'Company',
  defaultValue: () => new CrmCompany(def as EntityDef<never>),
  ctors: { '()': () => new CrmCompany(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'load(Integer)': loadParty,
    'toParser(Parser)': toParserMethod(companyVars, false),
    'findFromDomain(String)': (self: CrmCompany, domain: string) => {
      const d = domain.trim().replace(/^@/, '');
      const r = crm().select('Email', { columns: ['contact_id'], where: [{ column: 'email_address', op: 'ends', value: `@${d}` }, { column: 'contact_id', op: '>', value: 0 }], limit: 1 })[0];
      if (!r) return false;
      self.forgetUnsaved();
      return self.load(int(r.contact_id));
    },
    // the address as NetServer lays it out (NSLocalizedField rows: PostalAddress1 … StreetZipcode)
    'getFormattedAddress()': (self: CrmCompany) => readAddress(self.id, CONTACT_ADDRESS).f.LocalizedAddress,
    'setFormattedAddress(NSLocalizedField[][])': (self: CrmCompany, rows: unknown) => {
      if (!self.id) throw new CrmError('Company.setFormattedAddress: load or save the company first');
      writeAddress(self.id, CONTACT_ADDRESS, nsObject('NSAddress', { LocalizedAddress: rows }));
    },
    'checkFieldRights(String,String)': () => true,
    'checkTableRights(String)': () => true,
  },
};
