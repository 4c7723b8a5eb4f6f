// One schema step (SQLite 26, PostgreSQL 25): the headings that group document templates
// (SuperOffice's DocTmplHeadingLink: a template under a Heading row of the DocTmpl list, table
// number 130), the secrets of documents' URLs (the sandbox's document_key, sandbox-tables.ts) and
// the text resource overrides (SuperOffice's ResourceOverride: a resource name, a .NET culture,
// the value and whether it is active). The demo files its document templates under two headings,
// "Sales documents" and "Correspondence", and overrides one resource. A sandbox made by an older
// build gains the tables (a demo sandbox with the demo's rows, the headings' links only where the
// heading and the template are still the demo's; one without the demo data gets them empty).
// Plain SQL that both engines run (sqlite/ddl.ts, pg/ddl.ts); the demo seed (demo.ts) adds the
// same rows to a new sandbox.
import type { CrmSchema, SchemaTable } from './schema.js';
import { fillSql, literal, tablesSql } from './list-migration.js';
import { DEMO_LISTS, STAMP, type Row } from './demo-lists.js';

export const DOC_HEADING_TABLES = ['DocTmplHeadingLink', 'document_key', 'ResourceOverride'];

/** SuperOffice's table number of DocTmpl: the listTableId of the document templates' headings. */
export const DOCTMPL_TABLE_NUMBER = 130;

/** [heading id, name, tooltip, the templates (DocTmpl ids, demo-lists.ts) it groups]. */
const HEADINGS: [number, string, string, number[]][] = [
  [3, 'Sales documents', 'Quotes and orders', [1, 5, 6, 7]],
  [4, 'Correspondence', 'Letters and mail', [2, 3, 4]],
];

const headingRows: Row[] = HEADINGS.map(([id, name, tooltip], i) => ({ id, name, rank: i + 1, tooltip, deleted: 0, listTableId: DOCTMPL_TABLE_NUMBER, extraId: 0, ...STAMP }));

const links = HEADINGS.flatMap(([heading, , , templates]) => templates.map((t) => ({ heading, t })));

export const DEMO_DOC_HEADINGS: Record<string, Row[]> = {
  Heading: headingRows,
  DocTmplHeadingLink: links.map(({ heading, t }, i) => ({ id: i + 1, doctmpl_id: t, heading_id: heading, ...STAMP })),
  ResourceOverride: [
    { id: 1, ResourceName: 'SR_CONTACT', Culture: 'EN-US', ResourceValue: 'Customer', IsActive: 1, ...STAMP },
    { id: 2, ResourceName: 'SR_CONTACT', Culture: 'NB-NO', ResourceValue: 'Kunde', IsActive: 0, ...STAMP },
  ],
};

/**
 * Creates the tables and, in a demo sandbox, adds the demo's template headings (when their ids are
 * free), the links of the headings and templates that are still the demo's (their names), and the
 * resource overrides (rows whose keys are taken are skipped).
 */
export function docHeadingTablesSql(schema: CrmSchema, create: (t: SchemaTable) => string[], quote: (id: string) => string): string[] {
  const out = tablesSql(schema, create, quote, ['document_key', 'ResourceOverride'], DEMO_DOC_HEADINGS);
  const heading = schema.mustFind('Heading');
  const template = schema.mustFind('DocTmpl');
  const linkTable = schema.mustFind('DocTmplHeadingLink');
  out.push(...create(linkTable), ...fillSql(heading, headingRows, quote));
  const rows = DEMO_DOC_HEADINGS.DocTmplHeadingLink ?? [];
  rows.forEach((r) => {
    const h = headingRows.find((x) => x.id === r.heading_id);
    const t = (DEMO_LISTS.DocTmpl ?? []).find((x) => x.id === r.doctmpl_id);
    const is = (table: SchemaTable, id: unknown, name: unknown): string =>
      `EXISTS (SELECT 1 FROM ${quote(table.name)} WHERE ${quote(table.primaryKey)} = ${literal(Number(id))} AND ${quote('name')} = ${literal(String(name ?? ''))})`;
    out.push(...fillSql(linkTable, [r], quote, `${is(heading, h?.id, h?.name)} AND ${is(template, t?.id, t?.name)}`));
  });
  return out;
}
