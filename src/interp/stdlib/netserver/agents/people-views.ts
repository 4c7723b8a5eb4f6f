// Contacts (companies), persons and associates: their carriers and entities over the contact,
// person and associate tables, and the list items they point to.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db } from './db.js';
import { col, LIST_TABLE_COLS, listView, loadWhere, lookup, register, type View } from './view.js';
import { CrmDateTime, makeDateTime } from '../../time/values.js';
import { CONTACT_ADDRESS, PERSON_ADDRESS, PHONE, deleteOwned, readAddress, readEmails, readPhones, writeAddress, writeEmails, writePhones } from './elements.js';
import { consentInfos, deleteConsents, writeConsents } from './consents.js';

export { lookup };

/** 'First Middle Last' without the gaps of empty parts. */
export function fullName(first: unknown, middle: unknown, last: unknown): string {
  return [first, middle, last].map((x) => String(x ?? '').trim()).filter(Boolean).join(' ');
}

export function personName(personId: unknown): string {
  const n = Number(personId ?? 0);
  const row = n ? db().get('person', n) : null;
  return row ? fullName(col(row, 'firstname'), col(row, 'middleName'), col(row, 'lastname')) : '';
}

/** The full name of an associate: its person's name, or the associate's login name. */
export function associateName(associateId: unknown): string {
  const n = Number(associateId ?? 0);
  const row = n ? db().get('associate', n) : null;
  if (!row) return '';
  return personName(col(row, 'person_id')) || String(col(row, 'name') ?? '');
}

const firstEmail = (list: NSObject[]): string => String(list[0]?.f.Value ?? '');

/** The columns of an associate row that NSAssociate and NSUser both show. */
export const ASSOCIATE_COLS = `${LIST_TABLE_COLS} Type=type:i UserName=userName:s EjUserId=ejuserId:i`;

export const associateView: View = {
  cls: 'NSAssociate',
  table: 'associate',
  key: 'AssociateId',
  cols: `${ASSOCIATE_COLS} PersonId=person_id:i GroupIdx=group_idx:i`,
  calc: (o) => {
    o.f.FullName = associateName(o.f.AssociateId) || String(o.f.Name);
    o.f.FormalName = o.f.FullName;
  },
};

export const countryView: View = {
  cls: 'NSCountry',
  table: 'country',
  key: 'CountryId',
  cols: `${LIST_TABLE_COLS} EnglishName=english_name:s ZipPrefix=zip_prefix:s CurrencyId=currency_id:i OrgNrText=orgNrText:s DomainName=domainName:s DialInPrefix=dialInPrefix:s InterAreaPrefix=interAreaPrefix:s TwoLetterISOCountry=abbrev2:s ThreeLetterISOCountry=abbrev3:s AddressLayoutId=addressLayout:i DomesticAddressLayoutId=addressLayoutDomestic:i ForeignAddressLayoutId=addressLayoutForeign:i`,
};

export const contactView: View = {
  cls: 'NSContact',
  table: 'contact',
  key: 'ContactId',
  cols: 'Name=name:s Department=department:s OrgNr=orgNr:s Kananame=kananame:s AssociateId=associate_id:i CountryId=country_id:i ActiveErpLinks=activeErpLinks:i CreatedDate=registered:d',
  calc: (o, row) => {
    const id = Number(o.f.ContactId);
    o.f.FullName = [o.f.Name, o.f.Department].filter(Boolean).join(' ');
    o.f.AssociateFullName = associateName(o.f.AssociateId);
    o.f.CategoryName = lookup('Category', col(row, 'category_idx'), 'name');
    o.f.BusinessName = lookup('Business', col(row, 'business_idx'), 'name');
    o.f.CountryName = lookup('country', o.f.CountryId, 'name');
    const emails = readEmails(id, 0);
    o.f.EmailAddress = firstEmail(emails);
    o.f.DirectPhone = String(readPhones(id, PHONE.contact)[0]?.f.Value ?? '');
    const address = readAddress(id, CONTACT_ADDRESS);
    o.f.Address = address;
    const lines = (address.f.LocalizedAddress as NSObject[][]).flat();
    o.f.City = String(lines.find((f) => f.f.Name === 'PostalCity')?.f.Value ?? '');
    o.f.FormattedAddress = lines.filter((f) => f.f.AddressType === 'Postal').map((f) => String(f.f.Value)).filter(Boolean).join(', ');
  },
};

export const contactEntityView: View = {
  cls: 'NSContactEntity',
  table: 'contact',
  key: 'ContactId',
  custom: true,
  cols: 'Name=name:s Department=department:s OrgNr=orgNr:s Number1=number1:s Number2=number2:s Kananame=kananame:s Xstop=xstop:b NoMailing=nomailing:b Source=source:i Deleted=deleted:i GroupId=group_id:i ActiveInterests=activeInterests:i ActiveErpLinks=activeErpLinks:i DbiAgentId=dbi_agent_id:i DbiKey=dbi_key:s DbiLastModified=dbi_last_modified:d DbiLastSyncronized=dbi_last_syncronized:d',
  refs: 'Associate=associate_id>NSAssociate Business=business_idx>NSBusiness Category=category_idx>NSCategory Country=country_id>NSCountry SupportAssociate=supportAssociateId>NSAssociate SupportPerson=supportPersonId>NSPerson TicketPriority=ticketPriorityId>NSTicketPriority',
  texts: 'Description=text_id',
  audit: true,
  required: [['Name', 'the company name (SetName)']],
  calc: (o) => {
    const id = Number(o.f.ContactId);
    o.f.Emails = readEmails(id, 0);
    o.f.Phones = readPhones(id, PHONE.contact);
    o.f.Faxes = readPhones(id, PHONE.contactFax);
    o.f.Address = readAddress(id, CONTACT_ADDRESS);
    o.f.Persons = loadWhere(personView, { contact_id: id });
  },
  afterSave: (o, id) => {
    if (o.f.Emails !== undefined) writeEmails(id, 0, o.f.Emails);
    if (o.f.Phones !== undefined) writePhones(id, PHONE.contact, o.f.Phones);
    if (o.f.Faxes !== undefined) writePhones(id, PHONE.contactFax, o.f.Faxes);
    if (o.f.Address !== undefined) writeAddress(id, CONTACT_ADDRESS, o.f.Address);
  },
  beforeDelete: (id) => deleteOwned(id, 'contact'),
};

function personCalc(o: NSObject, row: CrmRow): void {
  o.f.FullName = fullName(o.f.Firstname, o.f.MiddleName, o.f.Lastname);
  o.f.FormalName = [o.f.Mrmrs, o.f.FullName].filter(Boolean).join(' ');
  o.f.IsAssociate = Number(col(row, 'associate_id') ?? 0) > 0;
}

export const personView: View = {
  cls: 'NSPerson',
  table: 'person',
  key: 'PersonId',
  cols: 'Firstname=firstname:s Lastname=lastname:s MiddleName=middleName:s Mrmrs=mrmrs:s Title=title:s ContactId=contact_id:i Rank=rank:i Retired=retired:i Post1=post1:s Post2=post2:s Post3=post3:s Kanafname=kanafname:s Kanalname=kanalname:s CountryId=country_id:i UsePersonAddress=usepersonaddress:b AssociateId=associate_id:i SupportAssociateId=supportAssociateId:i TicketPriorityId=ticketPriorityId:i SupportLanguageId=supportLanguageId:i ActiveErpLinks=activeErpLinks:i ActiveInterests=activeInterests:i',
  texts: 'Description=text_id',
  calc: (o, row) => {
    personCalc(o, row);
    const id = Number(o.f.PersonId);
    o.f.ContactName = lookup('contact', o.f.ContactId, 'name');
    o.f.ContactDepartment = lookup('contact', o.f.ContactId, 'department');
    o.f.ContactOrgNr = lookup('contact', o.f.ContactId, 'orgNr');
    o.f.ContactFullName = [o.f.ContactName, o.f.ContactDepartment].filter(Boolean).join(' ');
    o.f.AssociateName = associateName(o.f.AssociateId);
    o.f.Email = firstEmail(readEmails(0, id));
    o.f.DirectPhone = String(readPhones(id, PHONE.direct)[0]?.f.Value ?? '');
    o.f.MobilePhone = String(readPhones(id, PHONE.mobile)[0]?.f.Value ?? '');
    o.f.Position = lookup('PersPos', col(row, 'position_idx'), 'name');
  },
};

const PERSON_PHONES: [string, number][] = [
  ['OfficePhones', PHONE.direct],
  ['MobilePhones', PHONE.mobile],
  ['PrivatePhones', PHONE.private],
  ['Faxes', PHONE.directFax],
  ['Pagers', PHONE.pager],
];

export const personEntityView: View = {
  cls: 'NSPersonEntity',
  table: 'person',
  key: 'PersonId',
  custom: true,
  cols: 'Firstname=firstname:s Lastname=lastname:s MiddleName=middleName:s Mrmrs=mrmrs:s Title=title:s Salutation=salutation:s Post1=post1:s Post2=post2:s Post3=post3:s Kanafname=kanafname:s Kanalname=kanalname:s PersonNumber=person_number:s Retired=retired:b UsePersonAddress=usepersonaddress:b NoMailing=nomailing:b BlockEmarketing=blockEmarketing:b Source=source:i SentInfo=sentInfo:i ShowContactTickets=showContactTickets:i ActiveInterests=activeInterests:i ActiveErpLinks=activeErpLinks:i DbiAgentId=dbi_agent_id:i DbiKey=dbi_key:s DbiLastModified=dbi_last_modified:d DbiLastSyncronized=dbi_last_syncronized:d',
  refs: 'Contact=contact_id>NSContact Position=position_idx>NSPosition Country=country_id>NSCountry Business=business_idx>NSBusiness Category=category_idx>NSCategory SupportAssociate=supportAssociateId>NSAssociate TicketPriority=ticketPriorityId>NSTicketPriority',
  texts: 'Description=text_id',
  audit: true,
  required: [['Firstname', 'the first name (SetFirstname)']],
  calc: (o, row) => {
    personCalc(o, row);
    const id = Number(o.f.PersonId);
    o.f.Emails = readEmails(0, id);
    for (const [prop, type] of PERSON_PHONES) o.f[prop] = readPhones(id, type);
    o.f.Address = readAddress(id, PERSON_ADDRESS);
    o.f.Consents = consentInfos(id);
    const [y, m, d] = ['year_of_birth', 'month_of_birth', 'day_of_birth'].map((c) => Number(col(row, c) ?? 0));
    if (y) o.f.BirthDate = makeDateTime(y, m || 1, d || 1, 0, 0, 0);
  },
  extra: (o): CrmRow => {
    const b = o.f.BirthDate;
    if (!(b instanceof CrmDateTime)) return {};
    return b.isNull ? { year_of_birth: 0, month_of_birth: 0, day_of_birth: 0 } : { year_of_birth: b.year, month_of_birth: b.month, day_of_birth: b.day };
  },
  afterSave: (o, id) => {
    if (o.f.Emails !== undefined) writeEmails(Number((o.f.Contact as NSObject | undefined)?.f.ContactId ?? 0), id, o.f.Emails);
    for (const [prop, type] of PERSON_PHONES) if (o.f[prop] !== undefined) writePhones(id, type, o.f[prop]);
    if (o.f.Address !== undefined) writeAddress(id, PERSON_ADDRESS, o.f.Address);
    // the consents in Consents are the person's (a list never set leaves them as they are)
    writeConsents(id, o.f.Consents);
  },
  beforeDelete: (id) => {
    deleteOwned(id, 'person');
    deleteConsents(id);
  },
};

register(
  associateView,
  countryView,
  contactView,
  contactEntityView,
  personView,
  personEntityView,
  listView('NSCategory', 'Category'),
  listView('NSBusiness', 'Business'),
  listView('NSPosition', 'PersPos'),
  listView('NSCurrency', 'Currency'),
  listView('NSTicketPriority', 'ticket_priority'),
);
