// Bringing a sandbox made by an older build up to the list tables (Task, UserGroup, ProjType, ...)
// then to the guide and stakeholder tables (SaleTypeStageLink, SuggestedAppointment,
// SaleStakeholder, ...) and then to the GDPR consent tables (ConsentPurpose, LegalBase,
// ConsentSource, ConsentPerson): the statements that create each table and, in a sandbox that
// holds the demo data, add the demo's rows (demo-lists.ts, demo-guides.ts, demo-consents.ts). Existing rows are left as they
// are: the demo's appointments, sales and projects of an older sandbox keep their empty links. A
// sandbox created empty (crm reset --empty) or filled with other data gets the tables without rows.
// Then category_membership (categoryMembershipSql), filled from what an older build took for a
// category's members, then the user-defined field tables (udefTablesSql, demo-udefs.ts), then the
// relations, chat topic users and red-letter days (relationTablesSql, demo-relations.ts,
// demo-holidays.ts), then the search criteria tables with the demo's dynamic selection
// (criteriaTablesSql, demo-criteria.ts), then the foreign key and binary object tables with the
// demo's foreign application (foreignTablesSql, demo-foreign.ts), then the user-defined lists with
// their headings and user group links (udListTablesSql, demo-udlists.ts). The statements are plain SQL that both engines run
// (SQLite: sqlite/ddl.ts, PostgreSQL: pg/ddl.ts), each engine quoting names its way.
import type { CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmSchema, SchemaTable } from './schema.js';
import { DEMO_CURRENCIES, DEMO_LISTS, LIST_TABLES, listRow, type Row } from './demo-lists.js';
import { DEMO_GUIDES, GUIDE_TABLES } from './demo-guides.js';
import { CONSENT_TABLES, DEMO_CONSENTS } from './demo-consents.js';
import { DEMO_UDEF_LINKS, DEMO_UDEFS, DEMO_UDLIST_FIELD, UDEF_FILLED, UDEF_TABLES } from './demo-udefs.js';
import { DEMO_QUOTES, QUOTE_TABLES } from './demo-quotes.js';
import { DEMO_RELATIONS, RELATION_TABLES } from './demo-relations.js';
import { DEMO_COUNTRIES, DEMO_COUNTRY_LINKS, demoRedLetterDays } from './demo-holidays.js';
import { CRITERIA_TABLES, DEMO_CRITERIA, DEMO_DYNAMIC_SELECTION } from './demo-criteria.js';
import { DEMO_FOREIGN, FOREIGN_TABLES } from './demo-foreign.js';
import { DEMO_UDLISTS, UDLIST_TABLES } from './demo-udlists.js';
import { DEMO_TEMPLATE_FILES } from './demo-documents.js';

/** The config row the demo data writes (seedSettings): how a sandbox with the demo data is recognised. */
const DEMO_INSTALLER = 'crmscript-tui';

type Create = (t: SchemaTable) => string[];
type Quote = (id: string) => string;

export function literal(v: CrmValue): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
}

export const demoSandbox = (quote: Quote): string => `EXISTS (SELECT 1 FROM ${quote('config')} WHERE ${quote('installed_by')} = ${literal(DEMO_INSTALLER)})`;

/** Inserts of a demo sandbox's rows of a table, each skipped when its key is taken (or when `also`, a condition, fails). */
export function fillSql(t: SchemaTable, rows: Row[], quote: Quote, also?: string): string[] {
  return rows.map((r) => {
    const row = listRow(r, t.primaryKey);
    const cols = Object.keys(row);
    const free = `NOT EXISTS (SELECT 1 FROM ${quote(t.name)} WHERE ${quote(t.primaryKey)} = ${literal(row[t.primaryKey] ?? null)})`;
    return `INSERT INTO ${quote(t.name)} (${cols.map(quote).join(', ')}) SELECT ${cols.map((c) => literal(row[c] ?? null)).join(', ')} WHERE ${demoSandbox(quote)} AND ${free}${also ? ` AND ${also}` : ''}`;
  });
}

/** Creates tables and fills those of a demo sandbox with their demo rows (typed-list-migration.ts uses it too). */
export function tablesSql(schema: CrmSchema, create: Create, quote: Quote, names: string[], rows: Record<string, Row[]>): string[] {
  return names.flatMap((name) => {
    const t = schema.mustFind(name);
    return [...create(t), ...fillSql(t, rows[name] ?? [], quote)];
  });
}

/** Creates the list tables and fills those of a demo sandbox (rows whose keys are taken are skipped). */
export function listTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = tablesSql(schema, create, quote, LIST_TABLES, DEMO_LISTS);
  // the currency table was there, and empty in the demo data, before the list tables came
  out.push(...fillSql(schema.mustFind('currency'), DEMO_CURRENCIES, quote));
  return out;
}

/**
 * Creates the guide and stakeholder tables and fills those of a demo sandbox; the demo's sale and
 * project types that no one has changed since (updatedCount 0, the demo's name) get their guide
 * and stakeholder flags, which the list tables' rows of an older build left at 0.
 */
export function guideTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = tablesSql(schema, create, quote, GUIDE_TABLES, DEMO_GUIDES);
  for (const [name, flags] of [['SaleType', ['hasGuide', 'isAutoAdvance', 'hasStakeholders']], ['ProjType', ['hasGuide', 'isAutoAdvance']]] as const) {
    const t = schema.mustFind(name);
    for (const r of DEMO_LISTS[name] ?? []) {
      const set = flags.map((f) => `${quote(f)} = ${literal(r[f] ?? 0)}`).join(', ');
      const untouched = `${quote(t.primaryKey)} = ${literal(r.id ?? 0)} AND ${quote('name')} = ${literal(r.name ?? '')} AND ${quote('updatedCount')} = 0`;
      out.push(`UPDATE ${quote(t.name)} SET ${set} WHERE ${untouched} AND ${demoSandbox(quote)}`);
    }
  }
  return out;
}

/** Creates the GDPR consent tables and fills those of a demo sandbox (purposes, legal bases, sources, the customers' consents). */
export function consentTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  return tablesSql(schema, create, quote, CONSENT_TABLES, DEMO_CONSENTS);
}

/**
 * Creates the user-defined field tables (UDefField and the udef value tables the sandbox lacked)
 * and, in a demo sandbox, adds the demo's fields and values and links the demo's rows that have no
 * udef values yet to them.
 */
export function udefTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = UDEF_TABLES.flatMap((name) => create(schema.mustFind(name)));
  for (const name of UDEF_FILLED) out.push(...fillSql(schema.mustFind(name), DEMO_UDEFS[name] ?? [], quote));
  for (const [table, key, id, small, large] of DEMO_UDEF_LINKS) out.push(linkSql(quote, table, key, id, { userdef_id: small, userdef2_id: large || null }));
  return out;
}

/** Sets link columns of a demo sandbox's row whose first link is still empty (0 or NULL). */
function linkSql(quote: Quote, table: string, key: string, id: number, links: Record<string, CrmValue>): string {
  const [first] = Object.keys(links);
  const set = Object.entries(links).map(([c, v]) => `${quote(c)} = ${literal(v)}`).join(', ');
  return `UPDATE ${quote(table)} SET ${set} WHERE ${quote(key)} = ${id} AND (${quote(first!)} IS NULL OR ${quote(first!)} = 0) AND ${demoSandbox(quote)}`;
}

/**
 * Creates the relation tables (relationdefinition, relationtarget, relations), chat_topic_user
 * and redletterday; a demo sandbox gets the demo's relations, topic users, countries (its
 * companies without a country placed in them) and red-letter days of this year and the next. A
 * sandbox whose topic users are still none gets each user (ejuser with an associate) answering
 * every topic: an older build let every user serve every topic.
 */
export function relationTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = tablesSql(schema, create, quote, [...RELATION_TABLES, 'chat_topic_user'], DEMO_RELATIONS);
  out.push(...tablesSql(schema, create, quote, ['redletterday'], { redletterday: demoRedLetterDays() }));
  out.push(...fillSql(schema.mustFind('country'), DEMO_COUNTRIES, quote));
  for (const [table, key, id, country] of DEMO_COUNTRY_LINKS) out.push(linkSql(quote, table, key, id, { country_id: country }));
  const [u, t, a, id] = [quote('ejuser'), quote('chat_topic'), quote('associate'), quote('id')];
  const cols = ['user_id', 'topic_id', 'can_respond', 'notifications', 'can_listen', 'manager'].map(quote).join(', ');
  out.push(
    `INSERT INTO ${quote('chat_topic_user')} (${cols}) SELECT u.${id}, t.${id}, 1, 0, 0, 0 FROM ${u} u, ${t} t ` +
      `WHERE EXISTS (SELECT 1 FROM ${a} x WHERE x.${quote('ejuserId')} = u.${id}) AND NOT EXISTS (SELECT 1 FROM ${quote('chat_topic_user')}) ORDER BY t.${id}, u.${id}`,
  );
  return out;
}

/**
 * Creates category_membership (the users who take a ticket category's tickets) and fills it with
 * whom an older build took for members: each category's master, then the users whose default
 * category it is (by user id), weight 1, when the table has no rows yet. Every sandbox gets these
 * rows, not only a demo one: its delegation keeps giving tickets to the same users. A new demo
 * sandbox has the same rows (demo.ts).
 */
export function categoryMembershipSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const [m, c, u] = ['category_membership', 'ej_category', 'ejuser'].map(quote);
  const [id, master, dflt, cat, user] = ['id', 'category_master', 'default_category', 'category_id', 'user_id'].map(quote);
  const candidates =
    `SELECT ${id} AS cat, ${master} AS usr, 0 AS k FROM ${c} WHERE ${master} > 0 ` +
    `UNION ALL SELECT x.${dflt}, x.${id}, 1 FROM ${u} x WHERE x.${dflt} > 0 AND EXISTS (SELECT 1 FROM ${c} y WHERE y.${id} = x.${dflt})`;
  return [
    ...create(schema.mustFind('category_membership')),
    `INSERT INTO ${m} (${cat}, ${user}, ${quote('weight')}, ${quote('is_defined_by_usergroup')}) ` +
      `SELECT cat, usr, 1, 0 FROM (${candidates}) p WHERE NOT EXISTS (SELECT 1 FROM ${m}) GROUP BY cat, usr ORDER BY cat, MIN(k), usr`,
  ];
}

/** The quote tables an older build had, without versions: its demo data had no rows in them. */
const OLD_QUOTE_TABLES = ['Quote', 'QuoteAlternative', 'QuoteLine'];

/**
 * Creates the tables of quote versions, price lists, products and quote connections and, in a
 * demo sandbox, adds the demo's connection, product lists, price lists and products, and the
 * demo's quotes when the sandbox has no quotes, alternatives or lines yet (quotes made with an
 * older build keep theirs and stay without versions: their alternatives were not linked to them).
 * The versions go in first, while the older tables are checked; the quotes, alternatives and lines
 * follow only if they did (the version table is new: rows in it are the ones just added).
 */
export function quoteTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = tablesSql(schema, create, quote, QUOTE_TABLES.filter((t) => t !== 'QuoteVersion'), DEMO_QUOTES);
  const versions = schema.mustFind('QuoteVersion');
  const none = OLD_QUOTE_TABLES.map((t) => `NOT EXISTS (SELECT 1 FROM ${quote(t)})`).join(' AND ');
  out.push(...create(versions), ...fillSql(versions, DEMO_QUOTES.QuoteVersion ?? [], quote, none));
  for (const name of OLD_QUOTE_TABLES) out.push(...fillSql(schema.mustFind(name), DEMO_QUOTES[name] ?? [], quote, `EXISTS (SELECT 1 FROM ${quote(versions.name)})`));
  return out;
}

/**
 * Creates the search criteria tables (SearchCriteria, SearchCriteriaGroup, SearchCriterion,
 * SearchCriterionValue) and, in a demo sandbox, adds the demo's dynamic selection when its id is
 * free, and its criteria when that selection is the demo's (its name and type): a selection of
 * the sandbox's own with that id keeps having no criteria.
 */
export function criteriaTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = CRITERIA_TABLES.flatMap((name) => create(schema.mustFind(name)));
  const selection = schema.mustFind('selection');
  out.push(...fillSql(selection, [DEMO_DYNAMIC_SELECTION], quote));
  const ours = `EXISTS (SELECT 1 FROM ${quote(selection.name)} WHERE ${quote(selection.primaryKey)} = ${literal(DEMO_DYNAMIC_SELECTION.id)} AND ${quote('name')} = ${literal(DEMO_DYNAMIC_SELECTION.name)} AND ${quote('seltype')} = 1)`;
  for (const name of CRITERIA_TABLES) out.push(...fillSql(schema.mustFind(name), DEMO_CRITERIA[name], quote, ours));
  return out;
}

/**
 * Creates the foreign key tables (foreignapp, foreigndevice, foreignkey) and the binary object
 * tables (BinaryObject, BinaryObjectLink) and, in a demo sandbox, adds the demo's foreign
 * application with its device and keys (rows whose keys are taken are skipped).
 */
export function foreignTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  return tablesSql(schema, create, quote, FOREIGN_TABLES, DEMO_FOREIGN);
}

/**
 * Creates the user-defined list tables (UDListDefinition, UDList, Heading, UDListHeadingLink,
 * UDListGroupLink) and, in a demo sandbox, adds the demo's lists with their items, headings and
 * user group links, and the demo's sale field on the list Hardware model (when its id is free)
 * with sale 1's value (when the field is the demo's and the sale's value is still empty).
 */
export function udListTablesSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const out = tablesSql(schema, create, quote, UDLIST_TABLES, DEMO_UDLISTS);
  const fields = schema.mustFind('UDefField');
  const { field, table, row, column, value } = DEMO_UDLIST_FIELD;
  out.push(...fillSql(fields, [field], quote));
  const ours = `EXISTS (SELECT 1 FROM ${quote(fields.name)} WHERE ${quote(fields.primaryKey)} = ${literal(field.id ?? 0)} AND ${quote('fieldLabel')} = ${literal(field.fieldLabel ?? '')})`;
  out.push(`${linkSql(quote, table, schema.mustFind(table).primaryKey, row, { [column]: value })} AND ${ours}`);
  return out;
}

/**
 * Creates document_archive (the sandbox's stand-in for SuperOffice's document archive) and, in a
 * demo sandbox, adds the demo's "Plain letter" template (DocTmpl 4) when its id is free and the
 * files of templates 3 and 4 when those are the demo's (their file names): a template of the
 * sandbox's own with that id keeps having no file.
 */
export function documentArchiveSql(schema: CrmSchema, create: Create, quote: Quote): string[] {
  const archive = schema.mustFind('document_archive');
  const templates = schema.mustFind('DocTmpl');
  const out = [...create(archive), ...fillSql(templates, (DEMO_LISTS.DocTmpl ?? []).filter((r) => r.id === 4), quote)];
  for (const f of DEMO_TEMPLATE_FILES) {
    const demo = (DEMO_LISTS.DocTmpl ?? []).find((r) => r.id === f.doctmpl_id);
    const ours = `EXISTS (SELECT 1 FROM ${quote(templates.name)} WHERE ${quote(templates.primaryKey)} = ${literal(f.doctmpl_id ?? 0)} AND ${quote('filename')} = ${literal(demo?.filename ?? '')})`;
    out.push(...fillSql(archive, [f], quote, ours));
  }
  return out;
}
