// The SQLite schema of the CRM tables: one table per schema table, typed columns with defaults
// (SuperOffice stores 0 / '' rather than NULL in most columns), an index per documented index and
// per foreign key. Versioned with PRAGMA user_version; `migrations` brings older files up to date.
import type { CrmColumn } from '../../interp/runtime/crm-service.js';
import { storageOf, type CrmSchema } from '../schema.js';
import { tableIndexes } from '../table-indexes.js';
import { CHAT_TABLES } from '../sandbox-tables.js';
import { categoryMembershipSql, consentTablesSql, guideTablesSql, listTablesSql, criteriaTablesSql, documentArchiveSql, foreignTablesSql, quoteTablesSql, relationTablesSql, udefTablesSql, udListTablesSql } from '../list-migration.js';
import { typedListTablesSql } from '../typed-list-migration.js';
import { preferenceTablesSql } from '../preference-migration.js';
import { configTablesSql } from '../config-table-migration.js';
import { roleTablesSql } from '../role-migration.js';
import { serviceTablesSql } from '../service-table-migration.js';
import { marketingTablesSql } from '../marketing-table-migration.js';
import { quoteConfigTablesSql } from '../quote-config-migration.js';
import { favouriteTablesSql } from '../favourite-migration.js';
import { listAdminTablesSql } from '../list-admin-migration.js';
import { isCatalogView, sqliteSequenceViewSql } from '../sequence-view.js';
import { docHeadingTablesSql } from '../doc-heading-migration.js';

/** The schema version this code writes (2: reply_template_body, reply_template_attachment, cust_lang; 3: attachment_content; 4: chat; 5: mail_bomb; 6: the list tables, Task, UserGroup, ProjType, ...; 7: the guide and stakeholder tables, SaleTypeStageLink, SuggestedAppointment, SaleStakeholder, ...; 8: the GDPR consent tables, ConsentPurpose, LegalBase, ConsentSource, ConsentPerson; 9: category_membership; 10: the user-defined field tables, UDefField, udcontactLarge, ...; 11: the quote versions, price lists, products and quote connections, QuoteVersion, PriceList, Product, ...; 12: the relations, relationdefinition, relationtarget, relations, with chat_topic_user and redletterday; 13: the search criteria of dynamic selections and finds, SearchCriteria, SearchCriteriaGroup, SearchCriterion, SearchCriterionValue; 14: the typed lists of NSListAgent, MrMrs, PaymentTerms, PaymentType, DeliveryTerms, DeliveryType, AmountClass, ExtApp, LanguageInfo, LocaleText; 15: the foreign keys and binary objects, foreignapp, foreigndevice, foreignkey, BinaryObject, BinaryObjectLink; 16: the user-defined lists, UDListDefinition, UDList, Heading, UDListHeadingLink, UDListGroupLink; 17: the preference descriptions, tab orders, temporary keys and time zone locations, PrefDesc, PrefDescLine, TabOrder, TemporaryKey, TZLocation, BaseTZLocation; 18: document_archive, the stand-in for SuperOffice's document archive; 19: the system events, diary views, window positions, webhooks and customer center configs, SystemEvent, DiaryView, DiaryViewRow, WindowPosSize, webhook, cust_config; 20: role-based security and credentials, Role, UserRoleLink, FunctionRight, FunctionRightRoleLink, DataRight, Credentials; 21: the Service tables of Notify, Profile and Inbox, profile, hotlist, inbox; 22: forms, form submissions, shipment messages and blocks, number counters, project events and history lists, form, form_submission, s_message, s_messageblock, RefCounts, ProjectEvent, History; 23: the quote line configurations and quote attachments, QuoteLineConfiguration, SaleTypeQuoteAttachment, QuoteVersionAttachment; 24: the users' favourites, Favourite; 25: the users' quick replies and the ticket categories' user groups, quick_reply, EjCategoryGroupLink; 26: the document templates' headings, the documents' URL keys and the text resource overrides, DocTmplHeadingLink, document_key, ResourceOverride; 27: the next id of each table, sequence, a view over sqlite_sequence). */
export const SCHEMA_VERSION = 27;

export const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

function columnDdl(c: CrmColumn): string {
  if (c.type === 'PK') return `${q(c.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
  switch (storageOf(c.type)) {
    case 'text':
      return `${q(c.name)} TEXT DEFAULT ''`;
    case 'real':
      return `${q(c.name)} REAL DEFAULT 0`;
    case 'datetime':
      // declared DATETIME so that extra tables read back as DateTime columns (values stay text)
      return `${q(c.name)} DATETIME`;
    case 'blob':
      return `${q(c.name)} BLOB`;
    default:
      return `${q(c.name)} INTEGER DEFAULT 0`;
  }
}

export function createTableSql(t: { name: string; columns: CrmColumn[]; indexes?: string[][] }): string[] {
  const cols = t.columns.map(columnDdl).join(', ');
  const out = [`CREATE TABLE IF NOT EXISTS ${q(t.name)} (${cols})`];
  for (const ix of tableIndexes(t)) out.push(`CREATE INDEX IF NOT EXISTS ${q(ix.name)} ON ${q(t.name)} (${ix.columns.map(q).join(', ')})`);
  return out;
}

/** Every statement that creates the standard schema in an empty database. */
export function createSchemaSql(schema: CrmSchema): string[] {
  const out: string[] = [];
  for (const t of schema.tables.values()) if (!t.extra && !isCatalogView(t.name)) out.push(...createTableSql(t));
  out.push(...sqliteSequenceViewSql(schema));
  out.push(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  return out;
}

/** Statements that bring a database of version `from` (>= 1) to SCHEMA_VERSION. */
export function migrations(from: number, schema: CrmSchema): string[] {
  const out: string[] = [];
  if (from < 2) for (const name of ['cust_lang', 'reply_template_body', 'reply_template_attachment']) out.push(...createTableSql(schema.mustFind(name)));
  if (from < 3) out.push(...createTableSql(schema.mustFind('attachment_content')));
  if (from < 4) for (const name of CHAT_TABLES) out.push(...createTableSql(schema.mustFind(name)));
  if (from < 5) out.push(...createTableSql(schema.mustFind('mail_bomb')));
  if (from < 6) out.push(...listTablesSql(schema, createTableSql, q));
  if (from < 7) out.push(...guideTablesSql(schema, createTableSql, q));
  if (from < 8) out.push(...consentTablesSql(schema, createTableSql, q));
  if (from < 9) out.push(...categoryMembershipSql(schema, createTableSql, q));
  if (from < 10) out.push(...udefTablesSql(schema, createTableSql, q));
  if (from < 11) out.push(...quoteTablesSql(schema, createTableSql, q));
  if (from < 12) out.push(...relationTablesSql(schema, createTableSql, q));
  if (from < 13) out.push(...criteriaTablesSql(schema, createTableSql, q));
  if (from < 14) out.push(...typedListTablesSql(schema, createTableSql, q));
  if (from < 15) out.push(...foreignTablesSql(schema, createTableSql, q));
  if (from < 16) out.push(...udListTablesSql(schema, createTableSql, q));
  if (from < 17) out.push(...preferenceTablesSql(schema, createTableSql, q));
  if (from < 18) out.push(...documentArchiveSql(schema, createTableSql, q));
  if (from < 19) out.push(...configTablesSql(schema, createTableSql, q));
  if (from < 20) out.push(...roleTablesSql(schema, createTableSql, q));
  if (from < 21) out.push(...serviceTablesSql(schema, createTableSql, q));
  if (from < 22) out.push(...marketingTablesSql(schema, createTableSql, q));
  if (from < 23) out.push(...quoteConfigTablesSql(schema, createTableSql, q));
  if (from < 24) out.push(...favouriteTablesSql(schema, createTableSql, q));
  if (from < 25) out.push(...listAdminTablesSql(schema, createTableSql, q));
  if (from < 26) out.push(...docHeadingTablesSql(schema, createTableSql, q));
  if (from < 27) out.push(...sqliteSequenceViewSql(schema));
  if (from < SCHEMA_VERSION) out.push(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  return out;
}
