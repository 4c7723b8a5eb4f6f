// Company: an organisation (table contact), with its phone and the domain of its people's email
// addresses (findFromDomain).
import type { NativeClass } from '../registry.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, type EntityDef } from './entity.js';
import { CrmError } from '../../runtime/values.js';
import { nsObject } from '../netserver/object.js';
import { CONTACT_ADDRESS, readAddress, writeAddress } from '../netserver/agents/elements.js';
import { companyVars, toParserMethod } from './to-parser.js';

export class CrmCompany extends CrmEntity {}

const def: EntityDef<CrmCompany> = {
  cls: 'Company',
  table: 'contact',
  aliases: { priority: 'ticketPriorityId', ourcontact: 'associate_id', oursalescontact: 'associate_id', supportassociateid: 'supportAssociateId', primcontact: 'supportPersonId', note: 'department', infotext: 'department' },
  virtual: {
    phone: { get: (c) => text(crm().select('phone', { columns: ['phone'], where: [{ column: 'owner_id', op: '=', value: c.id }], limit: 1 })[0]?.phone) },
    domain: {
      get: (c) => {
        const first = crm().select('Email', { columns: ['email_address'], where: [{ column: 'contact_id', op: '=', value: c.id }], limit: 1 })[0];
        return text(first?.email_address).split('@')[1] ?? '';
      },
    },
  },
  defaults: () => ({ registered: crm().now() }),
};

export const CompanyClass: NativeClass = {
  name: 'Company',
  defaultValue: () => new CrmCompany(def as EntityDef<never>),
  ctors: { '()': () => new CrmCompany(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(companyVars, false),
    'findFromDomain(String)': (self: CrmCompany, domain: string) => {
      const d = domain.trim().replace(/^@/, '');
      const r = crm().select('Email', { columns: ['contact_id'], where: [{ column: 'email_address', op: 'ends', value: `@${d}` }, { column: 'contact_id', op: '>', value: 0 }], limit: 1 })[0];
      return r ? self.load(int(r.contact_id)) : false;
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
