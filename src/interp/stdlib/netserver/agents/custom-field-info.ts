// NSUserDefinedFieldInfoAgent's custom field descriptions and field type changes.
// - GetCustomFieldInfo / GetCustomFieldInfoList describe a table's custom fields as NSFieldInfoBase:
//   its user-defined fields (the published layout, the one entities carry; FieldName the progId,
//   "SuperOffice:2") and its extra fields (the x_ columns; their name, description and order from
//   the table's extra_fields rows when it is an extra table, y_…), in rank order; with
//   includeStandard the table's own columns come first. FieldType is NetServer's FieldMetadataType
//   (0 checkbox, 1 text, 3 integer, 4 decimal, 5 list, 6 date).
// - ChangeFieldType gives the field with another UDefFieldType, as the Admin client changes it
//   before a save: the value column moves to a free one of the new kind when the kind changes.
// - DetectColumnIdChanges says whether a field of the layout being edited has another value column
//   than the same field (udefIdentity) published, which a publish would move values for.
import type { CrmColumn, CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { make, type Methods } from './define.js';
import { UDEF_TYPE, columnOf, storageOfType, udefOwnerOfTable } from '../udef-layout.js';
import { adminFields, field, num, ownerOf, publishedFields } from './udef-store.js';
import { freeColumn } from './udef-agent.js';

const AGENT = 'NSUserDefinedFieldInfoAgent';
const at = (m: string): string => `${AGENT}.${m}`;

/** FieldMetadataType. */
const META = { Checkbox: 0, Text: 1, Integer: 3, Double: 4, List: 5, Date: 6 };

const BY_UDEF_TYPE: Record<number, number> = {
  [UDEF_TYPE.Number]: META.Integer,
  [UDEF_TYPE.ShortText]: META.Text,
  [UDEF_TYPE.LongText]: META.Text,
  [UDEF_TYPE.Date]: META.Date,
  [UDEF_TYPE.UnlimitedDate]: META.Date,
  [UDEF_TYPE.Checkbox]: META.Checkbox,
  [UDEF_TYPE.List]: META.List,
  [UDEF_TYPE.Decimal]: META.Double,
};

function typeOfColumn(c: CrmColumn): number {
  if (c.type === 'Bool') return META.Checkbox;
  if (c.type === 'FK' || c.type === 'Enum') return META.List;
  if (c.type === 'Double') return META.Double;
  if (/Date/.test(c.type)) return META.Date;
  if (['PK', 'Int', 'Id', 'UShort', 'Short', 'UInt', 'RecordId', 'TableNumber'].includes(c.type)) return META.Integer;
  return META.Text;
}

const str = (r: CrmRow | undefined, c: string): string => String((r && field(r, c)) ?? '');

function info(props: Record<string, unknown>): NSObject {
  return make('NSFieldInfoBase', { Description: '', ShortLabel: '', TemplateVariableName: '', HideField: false, HideLabel: false, IsExternal: false, IsIndexed: false, IsMandatory: false, IsReadOnly: false, ...props });
}

/** The table's user-defined fields (published), in tab order. */
function udefInfos(table: string): NSObject[] {
  const owner = udefOwnerOfTable(table);
  if (!owner) return [];
  return publishedFields(owner)
    .sort((a, b) => num(a, 'tabOrder') - num(b, 'tabOrder'))
    .map((r) =>
      info({
        FieldName: str(r, 'progId'),
        DisplayName: str(r, 'fieldLabel'),
        Description: str(r, 'tooltip'),
        ShortLabel: str(r, 'shortLabel'),
        FieldType: BY_UDEF_TYPE[num(r, 'fieldType')] ?? META.Text,
        HideLabel: num(r, 'hideLabel') !== 0,
        IsIndexed: num(r, 'indexed') !== 0,
        IsMandatory: num(r, 'mandatory') !== 0,
        IsReadOnly: num(r, 'readOnly') !== 0,
        Rank: num(r, 'tabOrder'),
      }),
    );
}

/** The extra_fields rows of an extra table, by field name (lower case). */
function extraMeta(table: string): Map<string, CrmRow> {
  const out = new Map<string, CrmRow>();
  if (!db().table('extra_tables') || !db().table('extra_fields')) return out;
  const t = db().select('extra_tables', { where: [{ column: 'table_name', op: '=', value: table }] })[0];
  if (!t) return out;
  for (const r of db().select('extra_fields', { where: [{ column: 'extra_table', op: '=', value: num(t, 'id') }] })) out.set(str(r, 'field_name').toLowerCase(), r);
  return out;
}

/** The table's extra fields (x_ columns), in their order (extra_fields' order_pos, else the table's). */
function extraInfos(table: string, columns: CrmColumn[]): NSObject[] {
  const meta = extraMeta(table);
  return columns
    .filter((c) => c.name.toLowerCase().startsWith('x_'))
    .map((c, i) => {
      const m = meta.get(c.name.toLowerCase());
      return info({ FieldName: c.name, DisplayName: str(m, 'name') || c.name, Description: str(m, 'description'), FieldType: typeOfColumn(c), Rank: m ? num(m, 'order_pos') : i + 1 });
    })
    .sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank));
}

function standardInfos(columns: CrmColumn[]): NSObject[] {
  return columns
    .filter((c) => !c.name.toLowerCase().startsWith('x_'))
    .map((c, i) => info({ FieldName: c.name, DisplayName: c.name, FieldType: typeOfColumn(c), Rank: i + 1, IsReadOnly: c.type === 'PK', IsMandatory: !c.nullable && c.type !== 'PK' }));
}

function customFields(method: string, tableName: string, includeStandard: boolean): NSObject[] {
  const t = db().table(String(tableName ?? ''));
  if (!t) throw fail(at(method), `the sandbox CRM has no table "${tableName}"`);
  return [...(includeStandard ? standardInfos(t.columns) : []), ...udefInfos(t.name), ...extraInfos(t.name, t.columns)];
}

function changeFieldType(infoArg: unknown, fieldType: number, indexed: boolean): NSObject {
  const method = 'ChangeFieldType';
  if (!(infoArg instanceof NSObject)) throw fail(at(method), 'there is no field to change');
  if (!Object.values(UDEF_TYPE).includes(fieldType as never)) throw fail(at(method), `${fieldType} is not a field type (UDefFieldType 1 to 8)`);
  const owner = ownerOf(at(method), Number(infoArg.f.OwnerTableId ?? infoArg.f.Type ?? 0));
  const o = make('NSUserDefinedFieldInfo', { ...infoArg.f, FieldType: fieldType, IsIndexed: !!indexed });
  const column = columnOf(owner, Number(o.f.ColumnId ?? 0));
  if (!column || column.storage !== storageOfType(fieldType)) {
    const identity = Number(o.f.UdefIdentity ?? 0);
    const taken = adminFields(owner).filter((r) => !identity || num(r, 'udefIdentity') !== identity);
    o.f.ColumnId = freeColumn(method, owner, fieldType, new Set(taken.map((r) => num(r, 'columnId'))));
  }
  const text = fieldType === UDEF_TYPE.LongText ? 199 : fieldType === UDEF_TYPE.ShortText ? 39 : 0;
  if (!text) o.f.TextLength = 0;
  else if (!Number(o.f.TextLength) || Number(o.f.TextLength) > text) o.f.TextLength = text;
  if (fieldType !== UDEF_TYPE.List) Object.assign(o.f, { ListTableId: 0, UDListDefinitionId: 0 });
  return o;
}

export const customFieldInfo: Methods = {
  'GetCustomFieldInfo(String,String)': (_a: unknown, table: string, name: string) => {
    const want = String(name ?? '').toLowerCase();
    const hit = customFields('GetCustomFieldInfo', table, false).find((o) => String(o.f.FieldName).toLowerCase() === want);
    if (!hit) throw fail(at('GetCustomFieldInfo'), `the table ${table} has no custom field "${name}" (a user-defined field's progId, "SuperOffice:1", or an extra field's x_ column)`);
    return hit;
  },
  'GetCustomFieldInfoList(String,Bool)': (_a: unknown, table: string, includeStandard: boolean) => customFields('GetCustomFieldInfoList', table, !!includeStandard),
  'ChangeFieldType(NSUserDefinedFieldInfo,Integer,Bool)': (_a: unknown, o: unknown, fieldType: number, indexed: boolean) => changeFieldType(o, Number(fieldType), indexed),
  'DetectColumnIdChanges(Integer)': (_a: unknown, type: number) => {
    const owner = ownerOf(at('DetectColumnIdChanges'), type);
    const published = new Map(publishedFields(owner).map((r) => [num(r, 'udefIdentity'), num(r, 'columnId')]));
    return adminFields(owner).some((r) => published.has(num(r, 'udefIdentity')) && published.get(num(r, 'udefIdentity')) !== num(r, 'columnId'));
  },
};
