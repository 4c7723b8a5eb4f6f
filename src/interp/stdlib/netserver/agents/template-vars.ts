// SuperOffice's template variables (the four-letter tags of document and mail templates, {name},
// {atfn}, {auth}, ...) with the values the sandbox has for them: the company's, the person's, the
// user's (the sender) and the user's own company, the project's, the sale's, the document's and
// the date and time. Tags the sandbox has no value for stay as they are written. Text and the
// other encodings accept {tag} and <tag> (the older delimiters); HTML and XML only {tag}, with the
// values escaped.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col, lookup } from './view.js';
import { associateName, fullName } from './people-views.js';

/** The records whose values fill the tags (0: none). */
export interface TagSources {
  contactId: number;
  personId: number;
  appointmentId: number;
  documentId: number;
  saleId: number;
  projectId: number;
  /** The sender (0 or left out: the user). */
  associateId?: number;
}

/** GeneratorEncoding values with markup: HTML and XML. */
const MARKUP = new Set([1, 2]);

const row = (table: string, id: number): CrmRow | null => (id > 0 ? db().get(table, id) : null);
const s = (r: CrmRow | null, c: string): string => (r ? String(col(r, c) ?? '') : '');
const n = (r: CrmRow | null, c: string): number => (r ? Number(col(r, c) ?? 0) || 0 : 0);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 'YYYY-MM-DD hh:mm:ss' as dd.mm.yyyy (the short system format), '' when empty. */
function shortDate(v: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(v);
  return m && m[1] !== '0000' && m[1] !== '1970' ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** The contact's address to write to: the postal one, else the street one (SuperOffice's "smart" address tags). */
function addressOf(contactId: number): { line: string; zip: string; city: string; postal: CrmRow | null; street: CrmRow | null } {
  const rows = contactId > 0 ? db().select('address', { where: [{ column: 'owner_id', op: '=', value: contactId }] }) : [];
  const postal = rows.find((r) => n(r, 'atype_idx') === 1) ?? null;
  const street = rows.find((r) => n(r, 'atype_idx') === 2) ?? null;
  const use = postal && s(postal, 'address1') ? postal : street;
  return { line: s(use, 'address1'), zip: s(use, 'zipcode'), city: s(use, 'city'), postal, street };
}

const firstOf = (table: string, where: [string, number][]): string => {
  if (!where[0]?.[1]) return '';
  const r = db().select(table, { where: where.map(([column, value]) => ({ column, op: '=', value })), orderBy: [{ column: 'rank' }], limit: 1 })[0];
  return r ? s(r, table === 'Email' ? 'email_address' : 'phone') : '';
};

function companyTags(id: number, prefix: 'c' | 'o'): Record<string, string> {
  const c = row('contact', id);
  const a = addressOf(id);
  const name = s(c, 'name');
  if (prefix === 'o') return { onam: name, odep: s(c, 'department'), oorg: s(c, 'orgNr'), opad: s(a.postal, 'address1'), osad: s(a.street, 'address1'), ocit: a.city, ozip: a.zip, oema: firstOf('Email', [['contact_id', id], ['person_id', 0]]), owid: id ? String(id) : '' };
  return {
    name,
    dept: s(c, 'department'),
    cuid: id ? String(id) : '',
    numb: s(c, 'number1'),
    code: s(c, 'number2'),
    orgn: s(c, 'orgNr'),
    addr: a.line,
    padr: s(a.postal, 'address1'),
    pad2: s(a.postal, 'address2'),
    pad3: s(a.postal, 'address3'),
    sadr: s(a.street, 'address1'),
    city: a.city,
    zipc: a.zip,
    zici: [a.zip, a.city.toUpperCase()].filter(Boolean).join(' '),
    cntr: lookup('country', n(c, 'country_id'), 'name'),
    busi: lookup('Business', n(c, 'business_idx'), 'name'),
    cate: lookup('Category', n(c, 'category_idx'), 'name'),
    cont: associateName(n(c, 'associate_id')),
    mail: firstOf('Email', [['contact_id', id], ['person_id', 0]]),
  };
}

function personTags(id: number): Record<string, string> {
  const p = row('person', id);
  const first = s(p, 'firstname');
  const last = s(p, 'lastname');
  const full = fullName(first, s(p, 'middleName'), last);
  return {
    atfn: first,
    atln: last,
    atmn: s(p, 'middleName'),
    attn: full,
    atti: s(p, 'title'),
    atmr: s(p, 'mrmrs'),
    atin: first.slice(0, 1),
    'ati.': first ? `${first.slice(0, 1)}.` : '',
    atid: id ? String(id) : '',
    atpo: lookup('PersPos', n(p, 'position_idx'), 'name'),
    amai: firstOf('Email', [['person_id', id]]),
    salu: [s(p, 'mrmrs'), last].filter(Boolean).join(' '),
    // the tags an earlier sandbox build filled (first, last and full name)
    firs: first,
    last,
    fuln: full,
  };
}

/** The user's tags (the sender): the associate and the person behind it, and the user's company. */
function senderTags(sender = 0): Record<string, string> {
  const associateId = sender || db().actor().associateId;
  const a = row('associate', associateId);
  const personId = n(a, 'person_id');
  const p = row('person', personId);
  const name = associateName(associateId);
  return {
    ...companyTags(n(p, 'contact_id'), 'o'),
    auth: name,
    cspn: name,
    atit: s(p, 'title'),
    aumr: s(p, 'mrmrs'),
    aupo: lookup('PersPos', n(p, 'position_idx'), 'name'),
    auem: firstOf('Email', [['person_id', personId]]),
    auid: personId ? String(personId) : '',
    alid: associateId ? String(associateId) : '',
  };
}

function projectTags(id: number): Record<string, string> {
  const p = row('project', id);
  if (!p) return {};
  return { pnam: s(p, 'name'), pnum: s(p, 'project_number'), prid: String(id), ptyp: lookup('ProjType', n(p, 'type_idx'), 'name'), psta: lookup('ProjStatus', n(p, 'status_idx'), 'name'), pend: shortDate(s(p, 'endDate')), plea: associateName(n(p, 'associate_id')) };
}

const SALE_STATUS = ['', 'Open', 'Sold', 'Lost', 'Stalled'];

function saleTags(id: number): Record<string, string> {
  const r = row('sale', id);
  if (!r) return {};
  return {
    sati: s(r, 'heading'),
    saam: String(n(r, 'amount')),
    said: String(id),
    sanu: s(r, 'number1'),
    sada: shortDate(s(r, 'saledate')),
    sacu: lookup('Currency', n(r, 'currency_id'), 'name'),
    sapr: String(n(r, 'probability')),
    satu: SALE_STATUS[n(r, 'status')] ?? '',
    saty: lookup('SaleType', n(r, 'saleType_id'), 'name'),
    saso: lookup('Source', n(r, 'source_id'), 'name'),
    sast: lookup('Prob', n(r, 'probability_idx'), 'name'),
    saau: associateName(n(r, 'associate_id')),
  };
}

function documentTags(id: number, appointmentId: number): Record<string, string> {
  const d = row('document', id);
  const out: Record<string, string> = appointmentId ? { apid: String(appointmentId) } : {};
  if (!d) return out;
  return { ...out, doid: String(id), head: s(d, 'header'), file: s(d, 'name'), oref: s(d, 'our_ref'), yref: s(d, 'your_ref'), desc: lookup('text', n(d, 'text_id'), 'text') };
}

function timeTags(): Record<string, string> {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(db().now());
  if (!m) return {};
  const [, y, mo, d, h, mi, se] = m;
  return { sdat: `${d}.${mo}.${y}`, date: `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`, time: `${h}:${mi}`, ltim: `${h}:${mi}:${se}` };
}

/** Every tag's value for these records (tags of records not given are left out). */
export function tagValues(src: TagSources): Map<string, string> {
  const all = {
    ...timeTags(),
    ...senderTags(src.associateId),
    ...(src.contactId ? companyTags(src.contactId, 'c') : {}),
    ...(src.personId ? personTags(src.personId) : {}),
    ...projectTags(src.projectId),
    ...saleTags(src.saleId),
    ...documentTags(src.documentId, src.appointmentId),
  };
  return new Map(Object.entries(all));
}

const escapeMarkup = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `source` with the tags replaced: custom tags (lower-case names) before the records' values;
 * `encoding` is SuperOffice's GeneratorEncoding (1 HTML and 2 XML escape the values and take only {tag}).
 */
export function substituteTags(source: string, encoding: number, src: TagSources, custom: Map<string, string> = new Map()): string {
  const values = tagValues(src);
  for (const [k, v] of custom) values.set(k.toLowerCase(), v);
  const markup = MARKUP.has(encoding);
  const swap = (m: string, tag: string): string => {
    const v = values.get(tag.toLowerCase());
    return v === undefined ? m : markup ? escapeMarkup(v) : v;
  };
  const braces = source.replace(/\{([^{}\s]{1,64})\}/g, swap);
  return markup ? braces : braces.replace(/<([^<>\s/]{1,64})>/g, swap);
}

/** Custom tags from the two arrays of the WithCustomTags methods (a tag with no value gets ''). */
export function customPairs(tags: unknown, values: unknown): Map<string, string> {
  const t = Array.isArray(tags) ? tags : [];
  const v = Array.isArray(values) ? values : [];
  return new Map(t.map((tag, i) => [String(tag).replace(/^[{<]|[}>]$/g, ''), String(v[i] ?? '')]));
}
