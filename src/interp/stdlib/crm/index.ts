// The CRM-backed built-ins (one module per class). Their names are listed in ../crm-natives.ts so
// that runs ready the database only when a script uses them.
import type { NativeClass, NativeGlobals } from '../registry.js';
import { SearchEngineClass } from './searchengine.js';
import { TicketClass } from './ticket.js';
import { MessageClass } from './message.js';
import { CustomerClass } from './customer.js';
import { CompanyClass } from './company.js';
import { UserClass, userGlobals } from './user.js';
import { CategoryClass, lookupGlobals } from './category.js';
import { AttachmentClass, attachmentGlobals } from './attachment.js';
import { ExtraTableClass, ExtraTableInfoClass, ExtraFieldsInfoClass, extraTableGlobals } from './extratable.js';
import { GenericSearchClass } from './genericsearch.js';
import { sqlGlobals } from './sql.js';
import { ReplyTemplateClass, replyTemplateGlobals } from './replytemplate.js';
import { PriorityClass } from './priority.js';
import { chatGlobals } from './chat.js';
import { DBWriteClass } from './dbwrite.js';
import { selectionGlobals } from './selection.js';
import { mailBombGlobals } from './mail-bomb.js';
import { favouriteGlobals } from './favourites.js';
import { LocalizedFieldClass } from './localized-field.js';
import { NotifyClass } from './notify.js';
import { StatLibClass } from './statlib.js';
import { StatResultClass } from './statresult.js';
import { CacheClass } from './cache.js';
import { ProfileClass } from './profile.js';
import { KnowledgeClass } from './knowledge.js';
import { InboxClass } from './inbox.js';
import { scriptIdGlobals } from './script-id.js';
import { forwardMailGlobals } from './forward-mail.js';

export const crmNativeClasses: NativeClass[] = [
  SearchEngineClass,
  TicketClass,
  MessageClass,
  CustomerClass,
  CompanyClass,
  UserClass,
  CategoryClass,
  AttachmentClass,
  ExtraTableClass,
  ExtraTableInfoClass,
  ExtraFieldsInfoClass,
  GenericSearchClass,
  ReplyTemplateClass,
  PriorityClass,
  DBWriteClass,
  LocalizedFieldClass,
  NotifyClass,
  StatLibClass,
  StatResultClass,
  CacheClass,
  ProfileClass,
  KnowledgeClass,
  InboxClass,
];

export const crmNativeGlobals: NativeGlobals = {
  ...userGlobals,
  ...lookupGlobals,
  ...replyTemplateGlobals,
  ...attachmentGlobals,
  ...extraTableGlobals,
  ...sqlGlobals,
  ...chatGlobals,
  ...selectionGlobals,
  ...mailBombGlobals,
  ...favouriteGlobals,
  ...scriptIdGlobals,
  ...forwardMailGlobals,
};
