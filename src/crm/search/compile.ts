// A SearchEngine's state (SearchSpec) → ONE parameterised SQL statement: select (fields, joins,
// criteria grouped by priority with row operators, group/having, distinct, order, limit), insert,
// update (addData values, addDataField expressions) or delete. Values are always parameters,
// converted to the column's type (enum names such as "postponed" become their numbers).
import type { CrmValue, SearchCondition, SearchKind, SearchSpec } from '../../interp/runtime/crm-service.js';
import { LONG_LIST, type SqlDialect } from '../driver.js';
import type { CrmSchema, StorageKind } from '../schema.js';
import { CrmDatabaseError } from '../errors.js';
import { PathResolver, type ResolvedField } from './paths.js';
import { AGGREGATES, compOp, funcName, rowOp, type RowOp } from './operators.js';
import { toColumnValue } from './convert.js';

export interface CompiledSearch {
  sql: string;
  params: CrmValue[];
  /** Field paths as added (lower-case), for getField(name). */
  columns: string[];
  /** Per column: how to format values. */
  types: StorageKind[];
}

interface Ctx {
  r: PathResolver;
  d: SqlDialect;
  params: CrmValue[];
}

function applyFunc(c: Ctx, f: ResolvedField, func: string | undefined): { sql: string; aggregate: boolean; kind: ResolvedField['kind'] } {
  const name = funcName(func);
  if (!name) return { sql: f.sql, aggregate: false, kind: f.kind };
  const sql = c.d.func(name, f.sql);
  if (!sql) throw new CrmDatabaseError(`SearchEngine: unknown function "${func}" (use count, sum, avg, min, max, upper, lower, hour, wday, date, time, castToVarchar)`);
  const kind = ['count', 'hour', 'wday', 'year', 'month', 'day', 'mday', 'yday', 'week', 'minute', 'second', 'length'].includes(name) ? 'integer' : name === 'avg' || name === 'sum' ? 'real' : f.kind;
  return { sql, aggregate: AGGREGATES.has(name), kind };
}

function condition(c: Ctx, k: SearchCondition): { sql: string; aggregate: boolean } {
  const f = c.r.field(k.path);
  const left = applyFunc(c, f, k.func);
  const op = compOp(k.op);
  if (k.path2 !== undefined) {
    const f2 = c.r.field(k.path2);
    const right = applyFunc(c, f2, k.func2);
    // IS [NOT] DISTINCT FROM: a comparison that treats NULLs as equal, spelled alike on every engine
    const sqlOp = op === 'is' ? 'IS NOT DISTINCT FROM' : op === 'isnot' ? 'IS DISTINCT FROM' : op;
    if (!['=', '<>', '<', '<=', '>', '>=', 'IS NOT DISTINCT FROM', 'IS DISTINCT FROM'].includes(sqlOp)) throw new CrmDatabaseError(`SearchEngine: addComparison supports =, <>, <, <=, >, >= (not "${k.op}")`);
    return { sql: `${left.sql} ${sqlOp} ${right.sql}`, aggregate: left.aggregate || right.aggregate };
  }
  const raw = k.value ?? '';
  // with a function the value compares with the function's result, not the column
  const conv = (v: string): CrmValue => (k.func ? (left.kind === 'text' ? v : toColumnValue(null, left.kind, v)) : toColumnValue(f.column, f.kind, v));
  const agg = left.aggregate;
  const like = (pattern: string, negate: boolean): { sql: string; aggregate: boolean } => {
    c.params.push(pattern);
    return { sql: c.d.like(left.sql, '?', negate), aggregate: agg };
  };
  const esc = (s: string): string => s.replace(/[\\%_]/g, (m) => '\\' + m);
  switch (op) {
    case 'is':
    case 'isnot':
      if (raw === '' || raw.toLowerCase() === 'null') return { sql: `${left.sql} IS ${op === 'isnot' ? 'NOT ' : ''}NULL`, aggregate: agg };
      c.params.push(conv(raw));
      return { sql: `${left.sql} ${op === 'is' ? '=' : '<>'} ?`, aggregate: agg };
    case 'like':
    case 'notlike':
      return like(raw.replace(/\*/g, '%'), op === 'notlike');
    case 'contains':
    case 'notcontains':
      return like(`%${esc(raw)}%`, op === 'notcontains');
    case 'begins':
    case 'notbegins':
      return like(`${esc(raw)}%`, op === 'notbegins');
    case 'ends':
    case 'notends':
      return like(`%${esc(raw)}`, op === 'notends');
    case 'in':
    case 'notin': {
      const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (!list.length) return { sql: op === 'in' ? '0 = 1' : '1 = 1', aggregate: agg };
      if (list.length > LONG_LIST) {
        c.params.push(c.d.listParam(list.map(conv)));
        return { sql: c.d.inList(left.sql, '?', op === 'notin'), aggregate: agg };
      }
      c.params.push(...list.map(conv));
      return { sql: `${left.sql} ${op === 'in' ? 'IN' : 'NOT IN'} (${list.map(() => '?').join(', ')})`, aggregate: agg };
    }
    default:
      c.params.push(conv(raw));
      return { sql: `${left.sql} ${op} ?`, aggregate: agg };
  }
}

function combine(a: string, op: RowOp, b: string): string {
  switch (op) {
    case 'and':
      return `${a} AND ${b}`;
    case 'or':
      return `${a} OR ${b}`;
    case 'nand':
      return `NOT (${a} AND ${b})`;
    case 'nor':
      return `NOT (${a} OR ${b})`;
  }
}

/** Groups conditions by priority (same priority = same brackets), joined by each one's row operator. */
function conditions(c: Ctx, list: SearchCondition[]): { where: string; having: string; whereParams: CrmValue[]; havingParams: CrmValue[] } {
  const built = list.map((k, i) => {
    const before = c.params.length;
    const b = condition(c, k);
    return { k, i, ...b, params: c.params.splice(before) };
  });
  const part = (items: typeof built): { sql: string; params: CrmValue[] } => {
    const sorted = [...items].sort((a, b) => (a.k.priority ?? 0) - (b.k.priority ?? 0) || a.i - b.i);
    let out = '';
    const params: CrmValue[] = [];
    let prevOp: RowOp = 'and';
    for (let g = 0; g < sorted.length; ) {
      const pr = sorted[g].k.priority ?? 0;
      let group = '';
      let inner: RowOp = 'and';
      let h = g;
      for (; h < sorted.length && (sorted[h].k.priority ?? 0) === pr; h++) {
        group = group ? combine(group, inner, `(${sorted[h].sql})`) : `(${sorted[h].sql})`;
        params.push(...sorted[h].params);
        inner = rowOp(sorted[h].k.rowOp);
      }
      out = out ? combine(out, prevOp, `(${group})`) : `(${group})`;
      prevOp = inner;
      g = h;
    }
    return { sql: out, params };
  };
  const w = part(built.filter((b) => !b.aggregate));
  const h = part(built.filter((b) => b.aggregate));
  return { where: w.sql, having: h.sql, whereParams: w.params, havingParams: h.params };
}

export function compileSearch(schema: CrmSchema, dialect: SqlDialect, spec: SearchSpec, kind: SearchKind): CompiledSearch {
  const r = new PathResolver(schema, dialect);
  const c: Ctx = { r, d: dialect, params: [] };
  const q = dialect.quote;
  if (kind === 'insert') return compileInsert(c, spec);

  const fields = spec.fields.map((f) => {
    const rf = r.field(f.path);
    return { path: f.path.toLowerCase(), ...applyFunc(c, rf, f.func) };
  });
  const orderSql = spec.orders.map((o) => {
    const f = r.field(o.path);
    return dialect.order(applyFunc(c, f, o.func).sql, !o.ascending, !o.func && f.column?.type === 'PK');
  });
  const distinctField = spec.distinctField ? r.field(spec.distinctField).sql : '';
  // join criteria go into the ON clause of the join that reaches their table
  for (const j of spec.joinCriteria) {
    const f = r.field(j.path);
    const before = c.params.length;
    const cond = condition(c, j);
    const moved = c.params.splice(before);
    r.addJoinCondition(f.alias, cond.sql);
    c.params.unshift(...moved);
  }
  const conds = conditions(c, spec.criteria);
  const having = conditions(c, spec.having);
  const havingSql = [conds.having, having.where, having.having].filter((x) => x).join(' AND ');
  // parameters in the order they appear: joins (already in c.params), WHERE, HAVING
  c.params.push(...conds.whereParams);
  const havingParams = [...conds.havingParams, ...having.whereParams, ...having.havingParams];
  // an update without criteria changes every row of the table its data fields name (the docs'
  // `se.addDataField("ticket.deadline", "ticket.closed_at"); se.update();`)
  if (!r.mainTable() && kind === 'update' && spec.data.length) r.field(spec.data[0].path);
  const main = r.mainTable();
  if (!main) throw new CrmDatabaseError(`SearchEngine: no fields or criteria were added${kind === 'update' ? ' (and no data: call addData first)' : ''}`);

  if (kind === 'update' || kind === 'delete') {
    const sub = `SELECT ${main.alias}.${q(main.table.primaryKey)} FROM ${r.fromSql()}${conds.where ? ` WHERE ${conds.where}` : ''}`;
    const target = q(main.table.name);
    const pk = q(main.table.primaryKey);
    if (kind === 'delete') return { sql: `DELETE FROM ${target} WHERE ${pk} IN (${sub})`, params: c.params, columns: [], types: [] };
    if (!spec.data.length) throw new CrmDatabaseError('SearchEngine.update: nothing to change (call addData first)');
    const setParams: CrmValue[] = [];
    const sets = spec.data.map((d) => {
      const f = r.field(d.path);
      if (f.table !== main.table || !f.column) throw new CrmDatabaseError(`SearchEngine.update: "${d.path}" is not a field of ${main.table.name}, the table being updated`);
      if (d.path2 === undefined) {
        setParams.push(toColumnValue(f.column, f.kind, d.value ?? ''));
        return `${q(f.column.name)} = ?`;
      }
      // a value from another field of the same row, or of a row it links to
      const r2 = new PathResolver(schema, dialect);
      const src = applyFunc({ r: r2, d: dialect, params: [] }, r2.field(d.path2), d.func);
      const m2 = r2.mainTable()!;
      return `${q(f.column.name)} = (SELECT ${src.sql} FROM ${r2.fromSql()} WHERE ${m2.alias}.${pk} = ${target}.${pk})`;
    });
    return { sql: `UPDATE ${target} SET ${sets.join(', ')} WHERE ${pk} IN (${sub})`, params: [...setParams, ...c.params], columns: [], types: [] };
  }

  if (!fields.length) throw new CrmDatabaseError('SearchEngine: no fields to select (call addField first)');
  let group = '';
  if (spec.group) {
    const plain = fields.filter((f) => !f.aggregate).map((f) => f.sql);
    if (plain.length) group = ` GROUP BY ${plain.join(', ')}`;
  } else if (distinctField) group = ` GROUP BY ${distinctField}`;
  // without an order, rows come in the main table's key order (stable on every engine)
  if (!orderSql.length && !group && !spec.distinct && !fields.some((f) => f.aggregate) && !havingSql) orderSql.push(`${main.alias}.${q(main.table.primaryKey)}`);
  const sql =
    `SELECT ${spec.distinct ? 'DISTINCT ' : ''}${fields.map((f) => f.sql).join(', ')} FROM ${r.fromSql()}` +
    (conds.where ? ` WHERE ${conds.where}` : '') +
    group +
    (havingSql ? ` HAVING ${havingSql}` : '') +
    (orderSql.length ? ` ORDER BY ${orderSql.join(', ')}` : '') +
    (spec.limit && spec.limit > 0 ? dialect.limit(spec.limit) : '');
  return { sql, params: [...c.params, ...havingParams], columns: fields.map((f) => f.path), types: fields.map((f) => f.kind) };
}

function compileInsert(c: Ctx, spec: SearchSpec): CompiledSearch {
  if (!spec.data.length) throw new CrmDatabaseError('SearchEngine.insert: nothing to insert (call addData first)');
  const cols: string[] = [];
  let table = '';
  for (const d of spec.data) {
    const f = c.r.field(d.path);
    if (!f.column || f.alias !== 'a0') throw new CrmDatabaseError(`SearchEngine.insert: "${d.path}" must be a field of the table being inserted into (table.field)`);
    if (d.path2 !== undefined) throw new CrmDatabaseError('SearchEngine.insert: addDataField works with update only; use addData');
    table = f.table.name;
    cols.push(c.d.quote(f.column.name));
    c.params.push(toColumnValue(f.column, f.kind, d.value ?? ''));
  }
  return { sql: `INSERT INTO ${c.d.quote(table)} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, params: c.params, columns: [], types: [] };
}

/** Rows as SearchEngine returns them: every value a String ('' for NULL). */
export function formatSearchRows(rows: CrmValue[][], types: CompiledSearch['types']): string[][] {
  return rows.map((row) =>
    row.map((v, i) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'number') return types[i] === 'real' && !Number.isInteger(v) ? String(Math.round(v * 1e6) / 1e6) : String(v);
      // bytes (a Blob column) as a String of one character a byte
      if ((v as unknown) instanceof Uint8Array) return Buffer.from(v as unknown as Uint8Array).toString('latin1');
      return String(v);
    }),
  );
}
