// Ticket: a request (table ticket). New tickets get their creation time, creator (the acting
// user), an active status and the category's defaults; saving stamps last_changed. The ticket's
// customers (its primary customer first) live in ticket_customers; its history in ticket_log.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { queueMail } from '../email.js';
import type { CrmRow } from '../../runtime/crm-service.js';
import type { CrmVector } from '../vector.js';
import type { CrmStringMatrix } from '../stringmatrix.js';
import { forwardMessages } from './ticket-forward.js';
import { CrmParser } from '../parser/parser.js';
import { parseTemplate } from '../parser/template.js';
import { crm, int, systemMailFrom, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';
import { customerVars, fullName, ticketVars, toParserMethod, userVars } from './to-parser.js';
import { checkEscalating } from './priority.js';
import { CrmReplyTemplate } from './replytemplate.js';
import { CustomerClass } from './customer.js';
import { newUser } from './user.js';
import { defaultTicketStatus } from './ticket-status-default.js';

export class CrmTicket extends CrmEntity {
  /** customers set with setValue("customers") / addSecondaryCustomers (and a new primary customer), written at save. */
  extraCustomers: number[] = [];
}

/** The owner of a ticket nobody has taken: the system user. */
const UNASSIGNED = 1;
// ej_category.delegate_method (TicketCategoryDelegateMethod) and ej_category.flags (TicketCategoryFlags)
const DELEGATE_WEIGHTED = 2;
const DELEGATE_UNFAIR = 3;
const DELEGATE_NOT = 4;
const FLAG_DEFAULT_TO_MASTER = 4;
const FLAG_OUR_CONTACT = 32;

function addCustomers(t: CrmTicket): void {
  const c = crm();
  const have = new Set(c.select('ticket_customers', { where: [{ column: 'ticket_id', op: '=', value: t.id }] }).map((r) => int(r.customer_id)));
  for (const id of t.extraCustomers) {
    if (have.has(id)) continue;
    c.insert('ticket_customers', { ticket_id: t.id, customer_id: id });
    have.add(id);
  }
  t.extraCustomers = [];
}

/** The ticket's status (base status) and custom status (ticket_status) agree: a custom status belongs to one base status. */
function alignStatus(t: CrmTicket, values: CrmRow): void {
  if ('status' in t.pending && !('ticket_status' in t.pending)) {
    // a custom status that already has this base status stays
    const current = linked('ticket_status', 'ticket_status' in values ? values.ticket_status : t.raw('ticket_status'));
    if (current && int(current.status) === int(values.status)) return;
    const ts = defaultTicketStatus(int(values.status));
    if (ts) values.ticket_status = ts;
  } else if ('ticket_status' in t.pending && !('status' in t.pending)) {
    const ts = linked('ticket_status', values.ticket_status);
    if (ts) values.status = ts.status;
  }
}

const def: EntityDef<CrmTicket> = {
  cls: 'Ticket',
  table: 'ticket',
  aliases: { ownedby: 'owned_by', custid: 'cust_id', ticketstatus: 'ticket_status', isinescalation: 'alert_level' },
  virtual: {
    customers: {
      get: (t) => crm().select('ticket_customers', { columns: ['customer_id'], where: [{ column: 'ticket_id', op: '=', value: t.id }], orderBy: [{ column: 'id' }] }).map((r) => text(r.customer_id)).join(','),
      set: (t, v) => {
        t.extraCustomers.push(...v.split(',').map((s) => Number(s.trim())).filter((n) => n > 0));
      },
    },
    stopescalation: { set: (t, v) => t.setColumn('alert_stop', v === '1' || v.toLowerCase() === 'true' ? 0 : -1) },
  },
  defaults: (t) => {
    const c = crm();
    const me = c.actor();
    const now = c.now();
    // a ticket saved without a category (as the reference's own save() examples do) goes into the
    // first category there is (the lowest id), and gets that category's owner like any other
    const given = t.raw('category') ?? t.pending.category;
    const category = given ?? c.select('ej_category', { columns: ['id'], orderBy: [{ column: 'id' }], limit: 1 })[0]?.id ?? 0;
    const cat = linked('ej_category', category);
    return {
      category,
      created_at: now,
      last_changed: now,
      created_by: me.userId || 1,
      owned_by: int(cat?.category_master) || me.userId || 1,
      author: me.name,
      status: 1,
      ticket_status: 1,
      priority: 2,
      slevel: 1,
      read_status: 1,
      alert_stop: -1,
    };
  },
  beforeSave: (t, isNew, values) => {
    if (!isNew) values.last_changed = crm().now();
    if (isNew && !int(values.category)) throw new CrmError('Ticket.save: a new ticket needs a category, and the CRM has none (add one in ej_category)');
    if (isNew && !('orig_category' in values)) values.orig_category = values.category;
    if (isNew && !('orig_priority' in values)) values.orig_priority = values.priority;
    alignStatus(t, values);
    if (int(values.status) === 2 && !t.raw('closed_at')) values.closed_at = crm().now();
    // the primary customer is one of the ticket's customers, listed first
    if ('cust_id' in values && int(values.cust_id) > 0) t.extraCustomers.unshift(int(values.cust_id));
  },
  afterSave: (t) => {
    if (t.extraCustomers.length) addCustomers(t);
  },
};

function loaded(t: CrmTicket, what: string): void {
  if (!t.id) throw new CrmError(`Ticket.${what}: load or save the ticket first`);
}

/** Adds an entry to a ticket's log, made by `who` (default: the acting user's login name). */
export function writeTicketLog(ticketId: number, description: string, who?: string): void {
  const c = crm();
  c.insert('ticket_log', { ticket_id: ticketId, log_code: 0, log_who: who ?? c.actor().loginName, log_when: c.now(), log_description: description });
}

function saveWithLog(t: CrmTicket, description: string): number {
  const id = t.save();
  if (description) writeTicketLog(id, description);
  return id;
}

function ownerField(t: CrmTicket, field: string): string {
  return text(linked('ejuser', t.raw('owned_by'))?.[field]);
}

/** The owner as a mail address with a display name: "Name" <address> ('' when the owner has no address). */
function ownerAddress(t: CrmTicket): string {
  const owner = linked('ejuser', t.raw('owned_by'));
  const email = text(owner?.email);
  if (!owner || !email) return '';
  const name = (fullName(owner) || text(owner.username)).replace(/["\\]/g, '');
  return name ? `"${name}" <${email}>` : email;
}

/** The addresses in the To, Cc and Bcc lines of a message's header (bare addresses, in order). */
export function headerRecipients(header: string): string[] {
  const out: string[] = [];
  for (const line of header.split(/\r?\n/)) {
    const m = /^\s*(to|cc|bcc)\s*:(.*)$/i.exec(line);
    if (m) out.push(...splitAddresses(m[2]!));
  }
  return out;
}

/** Addresses of a comma-separated list, each as written or taken from its <...>. */
export function splitAddresses(list: string): string[] {
  return list
    .split(/[,;]/)
    .map((s) => /<([^>]*)>/.exec(s)?.[1] ?? s)
    .map((s) => s.trim())
    .filter((s) => s.includes('@'));
}

/** Recipients of the ticket's messages who are not among its customers (primary and ticket_customers). */
function involvedOnly(t: CrmTicket): string {
  const c = crm();
  const people = new Set([int(t.raw('cust_id')), ...c.select('ticket_customers', { columns: ['customer_id'], where: [{ column: 'ticket_id', op: '=', value: t.id }] }).map((r) => int(r.customer_id))]);
  people.delete(0);
  const connected = new Set(
    people.size ? c.select('Email', { columns: ['email_address'], where: [{ column: 'person_id', op: 'in', value: [...people] }] }).map((r) => text(r.email_address).toLowerCase()) : [],
  );
  const messages = c.select('ej_message', { columns: ['email_header'], where: [{ column: 'ticket_id', op: '=', value: t.id }], orderBy: [{ column: 'id' }] });
  const out = new Map<string, string>();
  for (const m of messages) for (const a of headerRecipients(text(m.email_header))) if (!connected.has(a.toLowerCase()) && !out.has(a.toLowerCase())) out.set(a.toLowerCase(), a);
  return [...out.values()].join(',');
}

const activeUser = (id: number): boolean => {
  const u = id > UNASSIGNED ? linked('ejuser', id) : null;
  return !!u && int(u.status) <= 1; // 1: a normal user (0: not set)
};

/** The users who take the category's tickets (category_membership, in the order they joined) with their weights. */
function categoryMembers(category: number): { id: number; weight: number }[] {
  const rows = crm().select('category_membership', { columns: ['user_id', 'weight'], where: [{ column: 'category_id', op: '=', value: category }], orderBy: [{ column: 'id' }] });
  const seen = new Set<number>();
  return rows.map((r) => ({ id: int(r.user_id), weight: int(r.weight) })).filter((m) => m.id > 0 && !seen.has(m.id) && !!seen.add(m.id));
}

/** The customer's service contact (person.supportAssociateId) as a user, or 0. */
function ourServiceContact(t: CrmTicket): number {
  const associate = linked('associate', linked('person', t.raw('cust_id'))?.supportAssociateId ?? null);
  return int(associate?.ejuserId);
}

/** Who gets the ticket by its category's rules, never `notUser`; UNASSIGNED when nobody can take it. */
function delegateTo(t: CrmTicket, notUser: number): number {
  const catId = int(t.raw('category'));
  const cat = linked('ej_category', catId);
  if (!cat) throw new CrmError('Ticket.delegate: the ticket has no category (setValue("category", id))');
  const method = int(cat.delegate_method);
  const flags = int(cat.flags);
  const master = int(cat.category_master);
  const can = (id: number): boolean => id !== notUser && activeUser(id);
  if (method === DELEGATE_NOT) return UNASSIGNED;
  if (flags & FLAG_OUR_CONTACT && can(ourServiceContact(t))) return ourServiceContact(t);
  // members who can take it; weighted delegation leaves out those of weight 0 (no automatic assignment)
  const members = categoryMembers(catId).filter((m) => can(m.id) && (method !== DELEGATE_WEIGHTED || m.weight > 0));
  if (!members.length) return flags & FLAG_DEFAULT_TO_MASTER && can(master) ? master : UNASSIGNED;
  if (method === DELEGATE_UNFAIR) {
    // the member with the fewest active tickets (this one not counted)
    const load = (id: number): number => crm().count('ticket', [{ column: 'owned_by', op: '=', value: id }, { column: 'status', op: '=', value: 1 }, { column: 'id', op: '<>', value: t.id }]);
    return members.map((m) => ({ id: m.id, n: load(m.id) })).reduce((a, b) => (b.n < a.n ? b : a)).id;
  }
  // even: in turn, counted on the category; weighted: in turn, each member as many turns as its weight
  const turns = method === DELEGATE_WEIGHTED ? members.flatMap((m) => Array<number>(m.weight).fill(m.id)) : members.map((m) => m.id);
  const counter = int(cat.delegate_counter);
  crm().update('ej_category', catId, { delegate_counter: counter + 1 });
  return turns[counter % turns.length]!;
}

/** The language of a user's reply-template bodies (cust_lang by the user's language code), or -1 for the default body. */
function languageOf(user: CrmRow | null): number {
  const code = text(user?.language).toLowerCase();
  if (!code) return -1;
  const lang = crm().select('cust_lang', { columns: ['id', 'lang_code', 'iso_code'] }).find((l) => text(l.lang_code).toLowerCase() === code || text(l.iso_code).toLowerCase() === code);
  return lang ? int(lang.id) : -1;
}

/** A parser with the ticket's variables, its primary customer's and the acting user's. */
function ticketParser(t: CrmTicket, escape: boolean): CrmParser {
  const p = new CrmParser();
  toParserMethod(ticketVars, escape)(t, p);
  const customer = CustomerClass.defaultValue!() as CrmEntity;
  if (customer.load(int(t.raw('cust_id')))) toParserMethod(customerVars, escape)(customer, p);
  const user = newUser();
  if (user.load(crm().actor().userId)) toParserMethod(userVars, escape)(user, p);
  return p;
}

function mailFrom(t: CrmTicket): string {
  return text(t.raw('filter_address')) || systemMailFrom();
}

const emailSubject = (t: CrmTicket): string => `[Id:${t.id}] ${t.get('title')}`;

/** Mails the reply template, filled in for the ticket, to the ticket's owner. */
function notifyEmail(t: CrmTicket, templateId: number): boolean {
  loaded(t, 'notifyEmail');
  const owner = linked('ejuser', t.raw('owned_by'));
  const to = text(owner?.email);
  const template = new CrmReplyTemplate();
  if (!to || !template.load(templateId)) return false;
  const lang = languageOf(owner);
  const plain = ticketParser(t, false);
  const fill = (column: string, vars: CrmParser): string => parseTemplate(template.part(lang, column), vars, 'Ticket.notifyEmail');
  queueMail('Ticket.notifyEmail', () => ({
    from: mailFrom(t),
    to: [to],
    cc: [],
    bcc: [],
    sms: [],
    smsFrom: '',
    subject: fill('subject', plain) || emailSubject(t),
    text: fill('body_plain', plain),
    html: fill('body_html', ticketParser(t, true)),
    headers: {},
  }));
  return true;
}

export const TicketClass: NativeClass = {
  name: 'Ticket',
  defaultValue: () => new CrmTicket(def as EntityDef<never>),
  ctors: { '()': () => new CrmTicket(def as EntityDef<never>) },
  methods: {
    ...entityMethods(def as EntityDef<never>),
    'toParser(Parser)': toParserMethod(ticketVars, true),
    'toParserRaw(Parser)': toParserMethod(ticketVars, false),
    'checkEscalating(Integer)': (self: CrmTicket, action: number) => {
      loaded(self, 'checkEscalating');
      checkEscalating(self.id, action, 'Ticket.checkEscalating');
      self.load(self.id);
    },
    // the flags of save(...) control read status and escalation checks: not modelled in the sandbox
    'save(String)': (self: CrmTicket, description: string) => saveWithLog(self, description),
    'save(Bool,Bool)': (self: CrmTicket) => self.save(),
    'save(String,Bool,Bool)': (self: CrmTicket, description: string) => saveWithLog(self, description),
    'addSecondaryCustomers(Vector)': (self: CrmTicket, v: CrmVector) => {
      self.extraCustomers.push(...v.items.map((s) => Number(s)).filter((n) => n > 0));
      if (self.id) addCustomers(self);
    },
    'buildEmailSubject()': (self: CrmTicket) => emailSubject(self),
    'getMailFrom()': (self: CrmTicket) => mailFrom(self),
    'getOwnerEmail()': (self: CrmTicket) => ownerAddress(self),
    'getOwnerSms()': (self: CrmTicket) => ownerField(self, 'sms'),
    'getInvolvedOnly()': (self: CrmTicket) => (self.id ? involvedOnly(self) : ''),
    'log(String)': (self: CrmTicket, message: string) => {
      loaded(self, 'log');
      writeTicketLog(self.id, message);
    },
    'log(String,String)': (self: CrmTicket, who: string, message: string) => {
      loaded(self, 'log');
      writeTicketLog(self.id, message, who);
    },
    // delegating sets the owner; save() writes it
    'delegate()': (self: CrmTicket) => self.setColumn('owned_by', delegateTo(self, 0)),
    'delegate(Integer)': (self: CrmTicket, notUser: number) => self.setColumn('owned_by', delegateTo(self, notUser)),
    // notifications are mail: queued like Email.send, delivered by the host after the run
    'notifyEmail(Integer)': (self: CrmTicket, templateId: number) => notifyEmail(self, templateId),
    'sendMessages(String,StringMatrix,Bool,String,Integer,String)': (self: CrmTicket, subject: string, recipients: CrmStringMatrix, fromCust: boolean, messages: string, _msgId: number, comment: string) =>
      forwardMessages(self.id, mailFrom(self), subject, recipients, fromCust, messages, comment),
  },
};
