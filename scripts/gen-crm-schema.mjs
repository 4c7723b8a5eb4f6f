// Generates src/crm/schema.json from ../shared/data/crm-schema.json (SuperOffice's table reference,
// parsed): table and column names, types, foreign keys, indexes and enum values, without the
// descriptions. Run from the project root when the reference changes: node scripts/gen-crm-schema.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const src = JSON.parse(readFileSync('../shared/data/crm-schema.json', 'utf8'));
// tables of SuperOffice's reference that the parsed copy lacks (reply template bodies, languages, the
// list tables other tables link to: Task, UserGroup, ProjType, Source, ...; the sale and project
// guides, the sale stakeholders, the GDPR consents, the ticket category members, the user-defined
// fields, the quote versions, price lists, products and quote connections, the contact and person
// relations, the chat topic users, the red-letter days, the search criteria of dynamic
// selections and finds, the typed lists of NSListAgent (salutations, payment and delivery
// terms and types, amount classes, external applications and web panels, localized texts and
// languages), the user-defined lists with their headings and user group links, the preference
// descriptions, tab orders, temporary keys and time zone locations, and the system events, diary
// views, window positions, webhooks and customer center configs, and Service's list profiles,
// hotlists and mail inbox, the users' favourites, and the users' quick replies and ticket categories' user groups,
// the document templates' headings and the text resource overrides, and the next id of each table, sequence)
const extra = JSON.parse(readFileSync('scripts/crm-schema-extra.json', 'utf8'));
for (const [name, t] of Object.entries(extra.tables)) src.tables[name] ??= t;
for (const [name, e] of Object.entries(extra.enums)) src.enums[name] ??= e;
const tables = {};
for (const [name, t] of Object.entries(src.tables)) {
  tables[name] = {
    number: t.number,
    columns: t.columns.map((c) => {
      const col = { name: c.name, type: c.type };
      if (c.nullable) col.nullable = true;
      if (c.references) col.references = c.references;
      if (c.enum) col.enum = c.enum;
      if (c.length) col.length = c.length;
      return col;
    }),
    indexes: (t.indexes ?? []).filter((i) => i.type !== 'PK').map((i) => i.fields),
  };
}
const enums = {};
for (const [name, values] of Object.entries(src.enums)) enums[name] = values.map((v) => [v.name, v.value]);
const out = { source: src.source, license: src.license, aliases: src.aliases, tables, enums };
writeFileSync('src/crm/schema.json', JSON.stringify(out) + '\n');
console.log(`src/crm/schema.json: ${Object.keys(tables).length} tables, ${Object.keys(enums).length} enums`);
