// Which indexes a CRM table gets, whatever the database: the schema's own index lists plus one per
// foreign key, limited to columns the table has, each set of columns once, with the index's name.
// The drivers' DDL quotes and writes them in their dialect.
import type { CrmColumn } from '../interp/runtime/crm-service.js';

export interface TableIndex {
  name: string;
  columns: string[];
}

export function tableIndexes(t: { name: string; columns: CrmColumn[]; indexes?: string[][] }, maxName = Infinity): TableIndex[] {
  const out: TableIndex[] = [];
  const seen = new Set<string>();
  const lists = [...(t.indexes ?? [])];
  for (const c of t.columns) if (c.references || c.type === 'FK') lists.push([c.name]);
  for (const fields of lists) {
    const known = fields.filter((f) => t.columns.some((c) => c.name.toLowerCase() === f.toLowerCase()));
    if (!known.length) continue;
    const key = known.join(',').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: `ix_${t.name}_${known.join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, maxName), columns: known });
  }
  return out;
}
