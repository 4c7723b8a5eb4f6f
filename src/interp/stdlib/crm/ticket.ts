// Ticket: a request (table ticket). New tickets get their creation time, creator (the acting
// user), an active status and the category's defaults; saving stamps last_changed. Customers
// beyond the primary one live in ticket_customers.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { rt } from '../../runtime/context.js';
import type { CrmVector } from '../vector.js';
import { crm, int, text } from './access.js';
import { CrmEntity, entityMethods, linked, type EntityDef } from './entity.js';
import { ticketVars, toParserMethod } from './to-parser.js';
import { checkEscalating } from './priority.js';

export class CrmTicket extends CrmEntity {
  /** customers set with setValue("customers") / addSecondaryCustomers, written at save. */
  extraCustomers: number[] = [];
}

function addCustomers(t: CrmTicket): void {
  const c = crm();
  const have = new Set(c.select('ticket_customers', { where: [{ column: 'ticket_id', op: '=', value: t.id }] }).map((r) => int(r.customer_id)));
  for (const id of t.extraCustomers) if (!have.has(id)) c.insert('ticket_customers', { ticket_id: t.id, customer_id: id });
  t.extraCustomers = [];
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
    const cat = linked('ej_category', t.raw('category') ?? t.pending.category ?? 0);
    return {
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
    if (isNew && !int(values.category)) throw new CrmError('Ticket.save: a new ticket needs a category (setValue("category", id))');
    if (isNew && !('orig_category' in values)) values.orig_category = values.category;
    if (isNew && !('orig_priority' in values)) values.orig_priority = values.priority;
    // a status given as the base status keeps ticket_status in step (and the other way round)
    if ('status' in t.pending && !('ticket_status' in t.pending)) {
      const ts = crm().select('ticket_status', { where: [{ column: 'status', op: '=', value: values.status }], orderBy: [{ column: 'ts_rank' }], limit: 1 })[0];
      if (ts) values.ticket_status = ts.id;
    } else if ('ticket_status' in t.pending && !('status' in t.pending)) {
      const ts = linked('ticket_status', values.ticket_status);
      if (ts) values.status = ts.status;
    }
    if (int(values.status) === 2 && !t.raw('closed_at')) values.closed_at = crm().now();
  },
  afterSave: (t) => {
    if (t.extraCustomers.length) addCustomers(t);
  },
};

function loaded(t: CrmTicket, what: string): void {
  if (!t.id) throw new CrmError(`Ticket.${what}: load or save the ticket first`);
}

function ownerField(t: CrmTicket, field: string): string {
  return text(linked('ejuser', t.raw('owned_by'))?.[field]);
}

function log(t: CrmTicket, description: string, who?: string): void {
  loaded(t, 'log');
  const c = crm();
  c.insert('ticket_log', { ticket_id: t.id, log_code: 0, log_who: who ?? c.actor().loginName, log_when: c.now(), log_description: description });
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
    // the flags of save(...) control notifications and escalation: none exist in the sandbox
    'save(String)': (self: CrmTicket) => self.save(),
    'save(Bool,Bool)': (self: CrmTicket) => self.save(),
    'save(String,Bool,Bool)': (self: CrmTicket) => self.save(),
    'addSecondaryCustomers(Vector)': (self: CrmTicket, v: CrmVector) => {
      self.extraCustomers.push(...v.items.map((s) => Number(s)).filter((n) => n > 0));
      if (self.id) addCustomers(self);
    },
    'buildEmailSubject()': (self: CrmTicket) => `[Id:${self.id}] ${self.get('title')}`,
    'getMailFrom()': (self: CrmTicket) => text(self.raw('filter_address')) || text(linked('config', 1)?.default_mail),
    'getOwnerEmail()': (self: CrmTicket) => ownerField(self, 'email'),
    'getOwnerSms()': (self: CrmTicket) => ownerField(self, 'sms'),
    'getInvolvedOnly()': (self: CrmTicket) =>
      crm()
        .select('ticket_customers', { columns: ['customer_id'], where: [{ column: 'ticket_id', op: '=', value: self.id }] })
        .map((r) => text(r.customer_id))
        .filter((id) => id !== text(self.raw('cust_id')))
        .join(','),
    'log(String)': (self: CrmTicket, description: string) => log(self, description),
    'log(String,String)': (self: CrmTicket, description: string, who: string) => log(self, description, who),
    'delegate()': (self: CrmTicket) => {
      loaded(self, 'delegate');
      const cat = linked('ej_category', self.raw('category'));
      const master = int(cat?.category_master);
      if (master) {
        self.setColumn('owned_by', master);
        self.save();
      }
    },
    'delegate(Integer)': (self: CrmTicket, userId: number) => {
      loaded(self, 'delegate');
      self.setColumn('owned_by', userId);
      self.save();
    },
    // notifications are mail: queued like Email.send, delivered by the host after the run
    'notifyEmail(Integer)': (self: CrmTicket) => {
      loaded(self, 'notifyEmail');
      const to = ownerField(self, 'email');
      if (!to) return false;
      rt.outbox.push({ from: text(linked('config', 1)?.default_mail), to: [to], cc: [], bcc: [], sms: [], smsFrom: '', subject: `[Id:${self.id}] ${self.get('title')}`, text: `Ticket ${self.id} needs your attention.`, html: '', headers: {} });
      return true;
    },
  },
};
