// Dot-syntax field paths → SQL expressions and joins, following the schema's foreign keys:
//   ticket.cust_id.firstname             '.'  left join along ticket.cust_id → person
//   ticket:cust_id.firstname             ':'  inner join
//   ticket.(ticket_customers->ticket_id).customer_id   reverse link: rows of ticket_customers
//                                        whose ticket_id points at the ticket
// The same join written in several fields is one join (one alias). Names are case-insensitive.
import { PHONE_TYPE, type CrmColumn } from '../../interp/runtime/crm-service.js';
import type { SqlDialect } from '../driver.js';
import { CrmDatabaseError, didYouMean } from '../errors.js';
import { storageOf, type CrmSchema, type SchemaTable, type StorageKind } from '../schema.js';

/** Table names scripts use that the reference spells differently. */
const TABLE_ALIASES: Record<string, string> = { ej_priority: 'ticket_priority', ej_status: 'ticket_status', customer: 'person', company: 'contact', ej_user: 'ejuser', message: 'ej_message' };
/** Column names of older versions that still appear in scripts: table → name → real column. */
const COLUMN_ALIASES: Record<string, Record<string, string>> = { person: { company: 'contact_id' }, ej_message: { ticket: 'ticket_id' } };
type Virtual = (a: string, q: (s: string) => string) => string;
const fullName: Virtual = (a, q) => `trim(coalesce(${a}.${q('firstname')}, '') || ' ' || coalesce(${a}.${q('lastname')}, ''))`;
/** The owner's first (by rank) number of a phone type. */
const phone =
  (type: number, key: string): Virtual =>
  (a, q) =>
    `(SELECT p.${q('phone')} FROM ${q('phone')} p WHERE p.${q('owner_id')} = ${a}.${q(key)} AND p.${q('ptype_idx')} = ${type} ORDER BY p.${q('rank')}, p.${q('phone_id')} LIMIT 1)`;
/** The first (by rank) e-mail address of a person, or of a company itself (no person). */
const email =
  (person: boolean): Virtual =>
  (a, q) =>
    `(SELECT e.${q('email_address')} FROM ${q('Email')} e WHERE ${
      person ? `e.${q('person_id')} = ${a}.${q('person_id')}` : `e.${q('contact_id')} = ${a}.${q('contact_id')} AND coalesce(e.${q('person_id')}, 0) = 0`
    } ORDER BY e.${q('rank')}, e.${q('email_id')} LIMIT 1)`;
/**
 * Computed fields ("virtual fields" of the SearchEngine blog post in the reference, and the
 * `direct/formattedNumber` forms Customer's reference lists, which reach here without their
 * `/formattedNumber`, see split): table → lower-case name → SQL over the table's alias. A real
 * column of the same name wins.
 */
const VIRTUAL: Record<string, Record<string, Virtual>> = {
  person: {
    fullname: fullName,
    emailaddress: email(true),
    direct: phone(PHONE_TYPE.personDirect, 'person_id'),
    phone: phone(PHONE_TYPE.personDirect, 'person_id'),
    mobile: phone(PHONE_TYPE.personMobile, 'person_id'),
  },
  contact: {
    emailaddress: email(false),
    phone: phone(PHONE_TYPE.contactPhone, 'contact_id'),
    fax: phone(PHONE_TYPE.contactFax, 'contact_id'),
  },
  ejuser: { fullname: fullName },
};

export interface ResolvedField {
  /** SQL expression of the field. */
  sql: string;
  /** The column (absent for computed fields). */
  column: CrmColumn | null;
  kind: StorageKind;
  table: SchemaTable;
  /** Alias of the table the field is on ('a0' = the root). */
  alias: string;
}

interface Join {
  alias: string;
  sql: string;
  /** Extra ON conditions (addJoinCriteria). */
  extra: string[];
}

export class PathResolver {
  private readonly roots = new Map<string, { table: SchemaTable; alias: string }>();
  private readonly joins = new Map<string, Join>();
  private readonly joinOrder: string[] = [];
  private readonly joinTargets = new Map<string, string>();
  private next = 0;

  constructor(
    private readonly schema: CrmSchema,
    private readonly dialect: SqlDialect,
  ) {}

  findTable(name: string): SchemaTable {
    const t = this.schema.find(name) ?? this.schema.find(TABLE_ALIASES[name.toLowerCase()] ?? '');
    if (!t) throw new CrmDatabaseError(`SearchEngine: unknown table "${name}"${didYouMean(name, this.schema.names())}`);
    return t;
  }

  private root(name: string): { table: SchemaTable; alias: string } {
    const t = this.findTable(name);
    const key = t.name.toLowerCase();
    let r = this.roots.get(key);
    if (!r) {
      r = { table: t, alias: `a${this.next++}` };
      this.roots.set(key, r);
    }
    return r;
  }

  /** The first table named (the statement's main table). */
  mainTable(): { table: SchemaTable; alias: string } | null {
    return this.roots.values().next().value ?? null;
  }

  column(t: SchemaTable, name: string): CrmColumn | null {
    const n = name.toLowerCase();
    const real = COLUMN_ALIASES[t.name.toLowerCase()]?.[n] ?? n;
    return t.byName.get(real) ?? (n === 'id' ? (t.byName.get(t.primaryKey.toLowerCase()) ?? null) : null);
  }

  private unknownField(t: SchemaTable, name: string): CrmDatabaseError {
    return new CrmDatabaseError(`SearchEngine: unknown field "${name}" in table ${t.name}${didYouMean(name, t.columns.map((c) => c.name))}`);
  }

  /** Splits 'a.b:(t->f).c' into the root and [separator, segment] steps. */
  private split(path: string): { root: string; steps: [string, string][] } {
    // `person.mobile/formattedNumber`: a phone number as the user's country writes it; the sandbox
    // keeps numbers as they were entered, which is that form
    const p = path.trim().replace(/\/formattedNumber$/i, '');
    const m = /^([A-Za-z_][\w]*)/.exec(p);
    if (!m) throw new CrmDatabaseError(`SearchEngine: "${path}" is not a field (write table.field, e.g. ticket.title)`);
    const steps: [string, string][] = [];
    let i = m[1].length;
    while (i < p.length) {
      const sep = p[i];
      if (sep !== '.' && sep !== ':') throw new CrmDatabaseError(`SearchEngine: unexpected "${p.slice(i)}" in field "${path}"`);
      i++;
      if (p[i] === '(') {
        const end = p.indexOf(')', i);
        if (end < 0) throw new CrmDatabaseError(`SearchEngine: missing ")" in field "${path}"`);
        steps.push([sep, p.slice(i, end + 1)]);
        i = end + 1;
      } else {
        const w = /^[A-Za-z_][\w]*/.exec(p.slice(i));
        if (!w) throw new CrmDatabaseError(`SearchEngine: a name is missing after "${p.slice(0, i)}" in field "${path}"`);
        steps.push([sep, w[0]]);
        i += w[0].length;
      }
    }
    if (!steps.length) throw new CrmDatabaseError(`SearchEngine: "${path}" names a table but no field (write ${path}.field)`);
    return { root: m[1], steps };
  }

  /** Resolves a field path, adding the joins it needs. */
  field(path: string): ResolvedField {
    const { root, steps } = this.split(path);
    let cur = this.root(root);
    let key = cur.table.name.toLowerCase();
    for (let s = 0; s < steps.length - 1; s++) {
      const [sep, seg] = steps[s];
      const inner = sep === ':';
      let target: SchemaTable;
      let on: (alias: string) => string;
      const q = this.dialect.quote;
      const from = cur;
      const rev = /^\(\s*([A-Za-z_]\w*)\s*->\s*([A-Za-z_]\w*)\s*\)$/.exec(seg);
      if (rev) {
        target = this.findTable(rev[1]);
        const fk = this.column(target, rev[2]);
        if (!fk) throw this.unknownField(target, rev[2]);
        on = (a) => `${a}.${q(fk.name)} = ${from.alias}.${q(from.table.primaryKey)}`;
      } else {
        const col = this.column(cur.table, seg);
        if (!col) throw this.unknownField(cur.table, seg);
        if (!col.references) throw new CrmDatabaseError(`SearchEngine: ${cur.table.name}.${col.name} is not a link to another table, so "${path}" cannot go through it`);
        const t = this.schema.find(col.references);
        if (!t) throw new CrmDatabaseError(`SearchEngine: ${cur.table.name}.${col.name} links to table ${col.references}, which the sandbox CRM does not have`);
        target = t;
        on = (a) => `${a}.${q(t.primaryKey)} = ${from.alias}.${q(col.name)}`;
      }
      key += `${sep}${seg.toLowerCase().replace(/\s+/g, '')}`;
      let j = this.joins.get(key);
      if (!j) {
        const alias = `a${this.next++}`;
        j = { alias, sql: `${inner ? 'INNER' : 'LEFT'} JOIN ${q(target.name)} ${alias} ON ${on(alias)}`, extra: [] };
        this.joins.set(key, j);
        this.joinOrder.push(key);
        this.joinTargets.set(alias, key);
      }
      cur = { table: target, alias: j.alias };
    }
    const name = steps[steps.length - 1][1];
    const virt = VIRTUAL[cur.table.name.toLowerCase()]?.[name.toLowerCase()];
    if (virt && !cur.table.byName.has(name.toLowerCase())) return { sql: virt(cur.alias, this.dialect.quote), column: null, kind: 'text', table: cur.table, alias: cur.alias };
    const col = this.column(cur.table, name);
    if (!col) throw this.unknownField(cur.table, name);
    return { sql: `${cur.alias}.${this.dialect.quote(col.name)}`, column: col, kind: storageOf(col.type), table: cur.table, alias: cur.alias };
  }

  /** Adds a condition to the ON clause of the join that reaches `alias`'s table. */
  addJoinCondition(alias: string, sql: string): void {
    const key = this.joinTargets.get(alias);
    if (!key) throw new CrmDatabaseError('SearchEngine: addJoinCriteria needs a field reached through a join (e.g. ticket.cust_id.firstname)');
    this.joins.get(key)!.extra.push(sql);
  }

  /** 'ticket a0 LEFT JOIN person a1 ON ...' */
  fromSql(): string {
    const q = this.dialect.quote;
    const roots = [...this.roots.values()].map((r) => `${q(r.table.name)} ${r.alias}`).join(', ');
    const joins = this.joinOrder.map((k) => {
      const j = this.joins.get(k)!;
      return j.extra.length ? `${j.sql} AND ${j.extra.map((e) => `(${e})`).join(' AND ')}` : j.sql;
    });
    return [roots, ...joins].join(' ');
  }
}
