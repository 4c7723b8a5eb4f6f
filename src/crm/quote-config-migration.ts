// The quote line configurations and quote attachments (QuoteLineConfiguration,
// SaleTypeQuoteAttachment, QuoteVersionAttachment): the demo's configuration of the quote line
// fields (which are in use, mandatory, editable; their labels, kept as text since the sandbox has
// no resource files), and bringing a sandbox made by an older build up to the tables (a demo
// sandbox gains the configuration rows; attachments start empty). Plain SQL that both engines run
// (sqlite/ddl.ts, pg/ddl.ts). The demo's quote templates (demo-lists.ts, demo-documents.ts) come
// to an older demo sandbox here too.
import type { CrmSchema, SchemaTable } from './schema.js';
import { demoSandbox, fillSql, literal, tablesSql } from './list-migration.js';
import { DEMO_LISTS, QUOTE_TEMPLATES, STAMP, type Row } from './demo-lists.js';
import { DEMO_QUOTE_TEMPLATE_FILES } from './demo-documents.js';

export const QUOTE_CONFIG_TABLES = ['QuoteLineConfiguration', 'SaleTypeQuoteAttachment', 'QuoteVersionAttachment'];

/** [QuoteLine field, label, tooltip, in use, mandatory, editable, prevent hide, restrict edit]. */
type Field = [string, string, string, number, number, number, number, number];

const FIELDS: Field[] = [
  ['Name', 'Product', 'The name of the product', 1, 1, 1, 1, 0],
  ['Code', 'Code', 'The product code', 1, 0, 0, 0, 1],
  ['Description', 'Description', 'A description of the line', 1, 0, 1, 0, 0],
  ['Quantity', 'Quantity', 'How many', 1, 1, 1, 1, 0],
  ['QuantityUnit', 'Unit', 'The unit of the quantity', 1, 0, 0, 0, 1],
  ['UnitListPrice', 'List price', 'The price of one unit', 1, 0, 1, 1, 0],
  ['UnitCost', 'Cost', 'The cost of one unit', 0, 0, 0, 0, 1],
  ['UnitMinimumPrice', 'Minimum price', 'The lowest price one unit may be sold for', 0, 0, 0, 0, 1],
  ['DiscountPercent', 'Discount %', 'The discount as a percentage', 1, 0, 1, 0, 0],
  ['DiscountAmount', 'Discount', 'The discount as an amount', 1, 0, 1, 0, 0],
  ['TotalPrice', 'Total', 'The line\'s total after discount', 1, 0, 0, 1, 1],
  ['VAT', 'VAT', 'The VAT percentage', 1, 0, 0, 0, 1],
  ['EarningPercent', 'Earning %', 'The earning as a percentage', 0, 0, 0, 0, 1],
  ['SubscriptionQuantity', 'Subscription periods', 'How many subscription periods', 1, 0, 1, 0, 0],
  ['Supplier', 'Supplier', 'Who supplies the product', 0, 0, 0, 0, 1],
  ['ItemNumber', 'Item number', 'The product\'s item number', 0, 0, 0, 0, 1],
];

export const DEMO_QUOTE_CONFIG: Record<string, Row[]> = {
  QuoteLineConfiguration: FIELDS.map(([field, label, tooltip, inUse, mandatory, editable, preventHide, restrictEdit], i) => ({
    id: i + 1,
    FieldName: field,
    LabelRes: label,
    TooltipRes: tooltip,
    InUse: inUse,
    Mandatory: mandatory,
    Editable: editable,
    Rank: i + 1,
    PreventHide: preventHide,
    RestrictEdit: restrictEdit,
    ...STAMP,
  })),
};

/**
 * Creates the tables and fills a demo sandbox's configuration (rows whose keys are taken are
 * skipped); a demo sandbox also gains the quote templates (DocTmpl 5–7, when their ids are free)
 * with their files, and its sale types that no one has changed since get them as their quote lines
 * and order confirmation templates.
 */
export function quoteConfigTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  const out = tablesSql(schema, create, quote, QUOTE_CONFIG_TABLES, DEMO_QUOTE_CONFIG);
  const templates = schema.mustFind('DocTmpl');
  const demo = (DEMO_LISTS.DocTmpl ?? []).filter((r) => Number(r.id) >= 5);
  out.push(...fillSql(templates, demo, quote));
  const archive = schema.mustFind('document_archive');
  for (const f of DEMO_QUOTE_TEMPLATE_FILES) {
    const t = demo.find((r) => r.id === f.doctmpl_id);
    const ours = `EXISTS (SELECT 1 FROM ${quote(templates.name)} WHERE ${quote(templates.primaryKey)} = ${literal(f.doctmpl_id ?? 0)} AND ${quote('filename')} = ${literal(t?.filename ?? '')})`;
    out.push(...fillSql(archive, [f], quote, ours));
  }
  const types = schema.mustFind('SaleType');
  const set = Object.entries(QUOTE_TEMPLATES).map(([c, v]) => `${quote(c)} = ${literal(v)}`).join(', ');
  for (const r of DEMO_LISTS.SaleType ?? []) {
    const untouched = `${quote(types.primaryKey)} = ${literal(r.id ?? 0)} AND ${quote('name')} = ${literal(r.name ?? '')} AND ${quote('updatedCount')} = 0`;
    out.push(`UPDATE ${quote(types.name)} SET ${set} WHERE ${untouched} AND ${demoSandbox(quote)}`);
  }
  return out;
}
