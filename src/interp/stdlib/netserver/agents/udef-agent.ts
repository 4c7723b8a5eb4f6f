// NSUserDefinedFieldInfoAgent over the sandbox's UDefField rows (udef-store.ts). What the sandbox
// does with the layout cycle of SuperOffice's Admin client:
// - Get…List / Get…From… read the layout being edited; the Published variants the published one
//   (the one entities carry). Until someone edits, the two are the same.
// - SaveUserDefinedFieldInfo(s) and DeleteUserDefinedFieldInfo change the layout being edited:
//   the first change after a publish starts a new generation (a copy of every published field,
//   with new ids), so entities keep the published fields until Publish.
// - A new field (UDefFieldId 0) gets the next free value column of its type (columnId), a new
//   udefIdentity and, when it has none, the progId SuperOffice:<next number of its owner type>.
// - SetPublishStartSystemEvent marks a publish as started (IsPublishEventActive says so); Publish
//   then makes the edited layout the published one at once and clears the mark. As the reference
//   says, Publish fails when the mark was not set. Revert drops the unpublished generation.
// - A field's Type reads its owner type (UDefType), like OwnerTableId.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { load, loadWhere, save, type View } from './view.js';
import { lacking, make, type Methods } from './define.js';
import { UDEF_OWNERS, UDEF_TYPE, columnCount, columnIdOf, columnOf, storageOfType, type UdefOwner } from '../udef-layout.js';
import { UDEF_TABLE, adminFields, adminVersion, editableVersion, field, num, ownerOf, pref, publishedFields, publishedVersion, setPref } from './udef-store.js';

const AGENT = 'NSUserDefinedFieldInfoAgent';
const at = (m: string): string => `${AGENT}.${m}`;

export const udefInfoView: View = {
  cls: 'NSUserDefinedFieldInfo',
  table: UDEF_TABLE,
  key: 'UDefFieldId',
  cols:
    'ColumnId=columnId:i FieldDefault=fieldDefault:s FieldHeight=fieldHeight:i FieldLabel=fieldLabel:s FieldLeft=fieldLeft:i FieldTop=fieldTop:i FieldType=fieldType:i FieldWidth=fieldWidth:i ' +
    'FormatMask=formatMask:s HideLabel=hideLabel:b IsIndexed=indexed:b IsMandatory=mandatory:b IsReadOnly=readOnly:b Justification=justification:i LabelHeight=labelHeight:i LabelLeft=labelLeft:i ' +
    'LabelTop=labelTop:i LabelWidth=labelWidth:i LastVersionId=lastVersionId:i ListTableId=listTableId:i OwnerTableId=ownerTable_id:i Page1LineNo=page1LineNo:i ProgId=progId:s ShortLabel=shortLabel:s ' +
    'TabOrder=tabOrder:i TextLength=textLength:i Tooltip=tooltip:s UdefIdentity=udefIdentity:i UDListDefinitionId=UDListDefinition_id:i Version=version:i',
  calc: (o) => {
    o.f.Type = o.f.OwnerTableId;
    o.f.HasBeenPublished = Number(o.f.Version) <= publishedVersionOf(Number(o.f.OwnerTableId));
  },
};

function publishedVersionOf(type: number): number {
  const owner = UDEF_OWNERS.find((x) => x.type === type);
  return owner ? publishedVersion(owner) : 0;
}

const asInfo = (r: CrmRow): NSObject => load(udefInfoView, num(r, 'UDefField_Id'))!;
const infos = (rows: CrmRow[]): NSObject[] => rows.map(asInfo);
const empty = (): NSObject => make('NSUserDefinedFieldInfo', { UDefFieldId: 0 });

/** Field labels compare fuzzily: letter case, outer blanks and punctuation aside. */
const fuzzy = (s: unknown): string => String(s ?? '').toLowerCase().replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');

function byLabel(rows: CrmRow[], label: string): NSObject {
  const r = rows.find((x) => fuzzy(field(x, 'fieldLabel')) === fuzzy(label));
  return r ? asInfo(r) : empty();
}

function byProgId(rows: CrmRow[], progId: string): NSObject {
  const r = rows.find((x) => String(field(x, 'progId') ?? '') === String(progId ?? ''));
  return r ? asInfo(r) : empty();
}

/** A new field's value column: the first of its kind no field of the edited layout uses. */
export function freeColumn(method: string, owner: UdefOwner, fieldType: number, taken: Set<number>): number {
  const storage = storageOfType(fieldType);
  for (let n = 1; n <= columnCount(storage); n++) {
    const id = columnIdOf(owner, storage, n);
    if (!taken.has(id)) return id;
  }
  throw fail(at(method), `every ${storage} column of ${owner.name}'s user-defined fields is taken`);
}

function nextProgId(rows: CrmRow[]): string {
  const used = rows.map((r) => /^SuperOffice:(\d+)$/.exec(String(field(r, 'progId') ?? ''))?.[1]).map(Number).filter(Boolean);
  return `SuperOffice:${Math.max(0, ...used) + 1}`;
}

function saveInfo(method: string, info: unknown): NSObject {
  if (!(info instanceof NSObject)) throw fail(at(method), 'there is no field to save');
  const owner = ownerOf(at(method), Number(info.f.OwnerTableId ?? info.f.Type ?? 0));
  const fieldType = Number(info.f.FieldType ?? 0);
  if (!Object.values(UDEF_TYPE).includes(fieldType as never)) throw fail(at(method), `${fieldType} is not a field type (UDefFieldType 1 to 8)`);
  const version = editableVersion(owner);
  const rows = adminFields(owner);
  const id = Number(info.f.UDefFieldId ?? 0);
  const identity = id ? num(db().get(UDEF_TABLE, id) ?? {}, 'udefIdentity') : 0;
  const target = identity ? rows.find((r) => num(r, 'udefIdentity') === identity) : undefined;
  if (id && !target) throw fail(at(method), `there is no user-defined field with id ${id} in ${owner.name}'s layout`);
  const o = make('NSUserDefinedFieldInfo', { ...info.f, OwnerTableId: owner.type, Version: version, UDefFieldId: target ? num(target, 'UDefField_Id') : 0 });
  const others = rows.filter((r) => r !== target);
  const column = columnOf(owner, Number(o.f.ColumnId ?? 0));
  if (!column || column.storage !== storageOfType(fieldType) || others.some((r) => num(r, 'columnId') === Number(o.f.ColumnId)))
    o.f.ColumnId = freeColumn(method, owner, fieldType, new Set(others.map((r) => num(r, 'columnId'))));
  if (!target) {
    const identities = db().select(UDEF_TABLE, { columns: ['udefIdentity'] }).map((r) => num(r, 'udefIdentity'));
    o.f.UdefIdentity = Math.max(0, ...identities) + 1;
    o.f.LastVersionId = 0;
    if (!Number(o.f.TabOrder)) o.f.TabOrder = Math.max(0, ...rows.map((r) => num(r, 'tabOrder'))) + 1;
  }
  if (!String(o.f.ProgId ?? '').trim()) o.f.ProgId = target ? String(field(target, 'progId') ?? '') || nextProgId(rows) : nextProgId(rows);
  if (others.some((r) => String(field(r, 'progId')) === o.f.ProgId)) throw fail(at(method), `${owner.name} already has a user-defined field ${String(o.f.ProgId)}`);
  if (!Number(o.f.TextLength)) o.f.TextLength = fieldType === UDEF_TYPE.LongText ? 199 : fieldType === UDEF_TYPE.ShortText ? 39 : 0;
  return load(udefInfoView, save(udefInfoView, o, at(method)))!;
}

const publishKey = (owner: UdefOwner): string => `UdefPublishEvent${owner.name}`;

export const udefInfoAgent: Methods = {
  'GetUserDefinedFieldList(Integer)': (_a: unknown, type: number) => infos(adminFields(ownerOf(at('GetUserDefinedFieldList'), type))),
  'GetPublishedUserDefinedFieldList(Integer)': (_a: unknown, type: number) => infos(publishedFields(ownerOf(at('GetPublishedUserDefinedFieldList'), type))),
  'GetUserDefinedFieldInfo(Integer)': (_a: unknown, id: number) => load(udefInfoView, id) ?? empty(),
  'GetUserDefinedFieldFromIds(Integer[])': (_a: unknown, ids: unknown) => (Array.isArray(ids) ? ids.map((id) => load(udefInfoView, Number(id))).filter((o): o is NSObject => !!o) : []),
  'GetUserDefinedFieldFromProgId(String,Integer)': (_a: unknown, progId: string, type: number) => byProgId(adminFields(ownerOf(at('GetUserDefinedFieldFromProgId'), type)), progId),
  'GetPublishedUserDefinedFieldFromProgId(String,Integer)': (_a: unknown, progId: string, type: number) => byProgId(publishedFields(ownerOf(at('GetPublishedUserDefinedFieldFromProgId'), type)), progId),
  'GetUserDefinedFieldFromProgIds(String[],Integer)': (_a: unknown, progIds: unknown, type: number) => {
    const rows = adminFields(ownerOf(at('GetUserDefinedFieldFromProgIds'), type));
    return (Array.isArray(progIds) ? progIds : []).map((p) => byProgId(rows, String(p))).filter((o) => Number(o.f.UDefFieldId));
  },
  'GetUserDefinedFieldFromFieldLabel(String,Integer)': (_a: unknown, label: string, type: number) => byLabel(adminFields(ownerOf(at('GetUserDefinedFieldFromFieldLabel'), type)), label),
  'GetPublishedUserDefinedFieldFromFieldLabel(String,Integer)': (_a: unknown, label: string, type: number) =>
    byLabel(publishedFields(ownerOf(at('GetPublishedUserDefinedFieldFromFieldLabel'), type)), label),
  // a new field's defaults: a short text field of companies, not saved
  'CreateDefaultUserDefinedFieldInfo()': () => make('NSUserDefinedFieldInfo', { UDefFieldId: 0, OwnerTableId: 7, Type: 7, FieldType: UDEF_TYPE.ShortText, TextLength: 39 }),
  'CreateUserDefinedFieldInfo(Integer,Integer)': (_a: unknown, type: number, fieldType: number) => {
    const owner = ownerOf(at('CreateUserDefinedFieldInfo'), type);
    const textLength = fieldType === UDEF_TYPE.LongText ? 199 : fieldType === UDEF_TYPE.ShortText ? 39 : 0;
    return make('NSUserDefinedFieldInfo', { UDefFieldId: 0, OwnerTableId: owner.type, Type: owner.type, FieldType: fieldType, TextLength: textLength });
  },
  'SaveUserDefinedFieldInfo(NSUserDefinedFieldInfo)': (_a: unknown, info: unknown) => saveInfo('SaveUserDefinedFieldInfo', info),
  'SaveUserDefinedFieldInfos(NSUserDefinedFieldInfo[])': (_a: unknown, list: unknown) => {
    for (const info of Array.isArray(list) ? list : []) saveInfo('SaveUserDefinedFieldInfos', info);
  },
  'DeleteUserDefinedFieldInfo(Integer)': (_a: unknown, id: number) => {
    const row = db().get(UDEF_TABLE, id);
    if (!row) throw fail(at('DeleteUserDefinedFieldInfo'), `there is no user-defined field with id ${id}`);
    const owner = ownerOf(at('DeleteUserDefinedFieldInfo'), num(row, 'ownerTable_id'));
    editableVersion(owner);
    const target = adminFields(owner).find((r) => num(r, 'udefIdentity') === num(row, 'udefIdentity'));
    if (target) db().delete(UDEF_TABLE, num(target, 'UDefField_Id'));
  },
  'DetectUnpublishedChanges(Integer)': (_a: unknown, type: number) => {
    const owner = ownerOf(at('DetectUnpublishedChanges'), type);
    return adminVersion(owner) !== publishedVersion(owner);
  },
  'SetPublishStartSystemEvent(Integer)': (_a: unknown, type: number) => setPref(publishKey(ownerOf(at('SetPublishStartSystemEvent'), type)), '1'),
  'IsPublishEventActive(Integer)': (_a: unknown, type: number) => pref(publishKey(ownerOf(at('IsPublishEventActive'), type))) === '1',
  'IsAnyPublishEventActive()': () => UDEF_OWNERS.some((o) => pref(publishKey(o)) === '1'),
  'Publish(Integer)': (_a: unknown, type: number) => {
    const owner = ownerOf(at('Publish'), type);
    if (pref(publishKey(owner)) !== '1') throw fail(at('Publish'), `call SetPublishStartSystemEvent(${owner.type}) first: no publish of ${owner.name}'s fields was started`);
    const version = adminVersion(owner);
    setPref(`CurrentUdefVersion${owner.name}`, String(version));
    setPref(`AdminUdefVersion${owner.name}`, String(version));
    setPref(publishKey(owner), '0');
    return version;
  },
  'Revert(Integer)': (_a: unknown, type: number) => {
    const owner = ownerOf(at('Revert'), type);
    const [current, admin] = [publishedVersion(owner), adminVersion(owner)];
    if (admin === current) return;
    for (const o of loadWhere(udefInfoView, { ownerTable_id: owner.type, version: admin })) db().delete(UDEF_TABLE, Number(o.f.UDefFieldId));
    setPref(`AdminUdefVersion${owner.name}`, String(current));
  },
  ...lacking(AGENT, 'the sandbox CRM keeps no screen layout of user-defined fields (page one fields, user groups, ranks)', [
    'GetUserDefinedPageOneFields(Integer,Integer)',
    'GetPublishedUserDefinedPageOneFields(Integer,Integer)',
    'GetChangedPageOneFields(Integer,Integer)',
    'SetUserDefinedPageOneField(Integer,Integer,Integer,Integer)',
    'SetPageOneFieldGrouping(Integer,Bool)',
    'SetRankOnFields(Integer,Integer[])',
  ]),
  ...lacking(AGENT, "the sandbox CRM does not know the list ids of SuperOffice's user-defined field dialog (set ListTableId, and UDListDefinitionId for a user-defined list, instead)", [
    'SetListTableIdAndUDListDefinitionIdFromSelectedListId(NSUserDefinedFieldInfo,Integer)',
    'FigureOutListIdFromListTableIdAndUDListDefinitionId(NSUserDefinedFieldInfo)',
  ]),
};
