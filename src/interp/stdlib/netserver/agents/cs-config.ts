// NSCustomerServiceAgent's settings kept in the sandbox: the mailboxes Service imports mail from
// (mail_in_filter: address, server, user name, password, server type as MailboxType) and the
// customer center configs (cust_config: a JSON style or options text, global or for one customer
// language). The mail_in_filter table has no port column, so a mailbox's Port reads 0 and a save
// refuses another port. The SMS provider settings (NSSmsConfig) have no table in the sandbox.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail, fromDb } from './db.js';
import { col, lookup, register, type View } from './view.js';
import { byId, entityCycle, lacking, make, saved, type Methods } from './define.js';

const AGENT = 'NSCustomerServiceAgent';

export const mailboxView: View = {
  cls: 'NSMailboxEntity',
  table: 'mail_in_filter',
  key: 'MailInFilterId',
  cols: 'Address=address:s Server=pop_server:s Username=pop_user:s Password=pop_password:s ServerType=server_type:i',
  required: [['Address', 'the mailbox address (SetAddress)']],
  calc: (o: NSObject) => {
    o.f.Port = 0;
  },
};

const mailboxCarrierView: View = {
  cls: 'NSMailbox',
  table: 'mail_in_filter',
  key: 'MailInFilterId',
  cols: 'Address=address:s',
  calc: (o: NSObject, row: CrmRow) => {
    o.f.CategoryName = lookup('ej_category', col(row, 'category_id'), 'name');
    o.f.PriorityName = lookup('ticket_priority', col(row, 'priority'), 'name');
  },
};

export const customerCenterConfigView: View = {
  cls: 'NSCustomerCenterConfig',
  table: 'cust_config',
  key: 'CustConfigId',
  cols: 'Type=type:i Config=config:s CustLangId=cust_lang_id:i',
  calc: (o: NSObject, row: CrmRow) => {
    o.f.Registered = fromDb(col(row, 'registered'), 'd');
    o.f.RegisteredAssociateId = fromDb(col(row, 'registered_associate_id'), 'i');
    o.f.Updated = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedAssociateId = fromDb(col(row, 'updated_associate_id'), 'i');
  },
};
register(mailboxView, customerCenterConfigView);

function saveMailbox(o: unknown): NSObject {
  const where = `${AGENT}.SaveMailboxEntity`;
  if (o instanceof NSObject) {
    if (Number(o.f.Port ?? 0)) throw fail(where, `the sandbox's mail_in_filter table has no port column, so port ${String(o.f.Port)} cannot be kept (leave Port 0)`);
    const type = Number(o.f.ServerType ?? 0);
    if (!(type >= 0 && type <= 9)) throw fail(where, `the server type ${type} is no MailboxType (0..9)`);
  }
  return saved(AGENT, 'SaveMailboxEntity', mailboxView, o as NSObject);
}

function saveConfig(method: string, o: unknown): NSObject {
  const where = `${AGENT}.${method}`;
  if (o instanceof NSObject) {
    const type = Number(o.f.Type ?? 0);
    if (type !== 0 && type !== 1) throw fail(where, `the type ${type} is no ConfigType (0 style, 1 options)`);
    const lang = Number(o.f.CustLangId ?? 0);
    if (lang && !db().get('cust_lang', lang)) throw fail(where, `there is no customer language with id ${lang} (0 is global)`);
  }
  return saved(AGENT, method, customerCenterConfigView, o as NSObject);
}

const configs = (): NSObject[] => db().select('cust_config', { orderBy: [{ column: 'cust_config_id' }] }).map((r) => byId(customerCenterConfigView, Number(col(r, 'cust_config_id'))));

export const serviceSettings: Methods = {
  // an IMAP mailbox with nothing set (NetServer's defaults are not documented)
  'CreateDefaultMailboxEntity()': () => make('NSMailboxEntity', { MailInFilterId: 0, Address: '', Server: '', Username: '', Password: '', Port: 0, ServerType: 2 }),
  'GetMailboxEntity(Integer)': (_a: unknown, id: number) => byId(mailboxView, id),
  'SaveMailboxEntity(NSMailboxEntity)': (_a: unknown, o: unknown) => saveMailbox(o),
  'GetMailboxes()': () => db().select('mail_in_filter', { orderBy: [{ column: 'id' }] }).map((r) => byId(mailboxCarrierView, Number(col(r, 'id')))),
  ...entityCycle(AGENT, 'CustomerCenterConfig', customerCenterConfigView, () => make('NSCustomerCenterConfig', { CustConfigId: 0, Type: 0, Config: '', CustLangId: 0 }), 'CustomerCenterConfig'),
  'SaveCustomerCenterConfig(NSCustomerCenterConfig)': (_a: unknown, o: unknown) => saveConfig('SaveCustomerCenterConfig', o),
  'GetAllCustomerCenterConfigs()': () => configs(),
  'SaveAllCustomerCenterConfigs(NSCustomerCenterConfig[])': (_a: unknown, list: unknown) => {
    for (const o of Array.isArray(list) ? list : []) saveConfig('SaveAllCustomerCenterConfigs', o);
  },
  ...lacking(AGENT, 'the sandbox CRM keeps no SMS provider settings (NSSmsConfig has no table in its schema)', ['GetSmsConfig()', 'CreateDefaultSmsConfig()', 'SaveSmsConfig(NSSmsConfig)']),
};
