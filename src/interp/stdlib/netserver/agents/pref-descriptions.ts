// NSPreferenceAgent's preference descriptions (PrefDesc: what a preference is, its value type,
// levels and bounds) and their lines (PrefDescLine: the choices of a list of values). A
// description is found by its section and key; deleting one deletes its lines. A description of a
// list table reference names the table by its number in maxValue (TableName).
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, load, loadWhere, register, remove, save, type View } from './view.js';
import { byId, empty, make, type Methods } from './define.js';

const AGENT = 'NSPreferenceAgent';

/** PrefDescValueType: the value is a row id of the list table numbered maxValue. */
const LIST_TABLE_REF = 5;

/** The name of the table with this reference number, '' when the sandbox has none. */
export function tableNamed(number: number): string {
  if (!number) return '';
  for (const name of db().tableNames()) {
    const t = db().table(name) as { name: string; number?: number } | null;
    if (t?.number === number) return t.name;
  }
  return '';
}

export const prefDescLineView: View = {
  cls: 'NSPreferenceDescriptionLine',
  table: 'PrefDescLine',
  key: 'PrefDescLineId',
  cols: 'PrefDescId=PrefDesc_id:i PrefValue=prefValue:s PrefShowValue=prefShowValue:s Description=description:s IsBuiltin=isBuiltin:b',
  required: [
    ['PrefDescId', 'the preference description (SetPrefDescId)'],
    ['PrefValue', 'the value (SetPrefValue)'],
  ],
};

export const prefDescView: View = {
  cls: 'NSPreferenceDescription',
  table: 'PrefDesc',
  key: 'PrefDescId',
  cols: 'Section=prefsection:s Key=prefkey:s Name=name:s ValueType=valueType:i MaxLevel=maxLevel:i SysMaxLevel=sysMaxLevel:i AccessFlags=accessFlags:i MaxValue=maxValue:i MinValue=minValue:i Description=description:s IsBuiltin=isBuiltin:b RequiredLicense=requiredLicense:s Rank=rank:i SubGroup=subGroup:s MinLevel=minLevel:i',
  required: [
    ['Section', 'the section (SetSection)'],
    ['Key', 'the key (SetKey)'],
  ],
  calc: (o) => {
    const table = Number(o.f.ValueType) === LIST_TABLE_REF ? tableNamed(Number(o.f.MaxValue)) : '';
    o.f.TableName = table;
    // a reference to the user-defined lists (udlist) names the list in minValue
    o.f.UserDefinedListId = table.toLowerCase() === 'udlist' ? o.f.MinValue : 0;
  },
  beforeDelete: (id) => deleteLinesOf([id]),
};

register(prefDescView, prefDescLineView);

/** The descriptions of a section (all when `section` is null), by section and rank. */
function descriptions(section: string | null): NSObject[] {
  const where = section === null ? [] : [{ column: 'prefsection', op: '=' as const, value: section }];
  return db()
    .select('PrefDesc', { where, orderBy: [{ column: 'prefsection' }, { column: 'rank' }, { column: 'PrefDesc_id' }] })
    .map((r) => byId(prefDescView, Number(col(r, 'PrefDesc_id'))));
}

/** The description of a section and key, null when there is none. */
export function descriptionOf(section: string, key: string): NSObject | null {
  const row = db().select('PrefDesc', { where: [{ column: 'prefsection', op: '=', value: section }, { column: 'prefkey', op: '=', value: key }], orderBy: [{ column: 'PrefDesc_id' }], limit: 1 })[0];
  return row ? load(prefDescView, Number(col(row, 'PrefDesc_id'))) : null;
}

/** The lines of a description, in the order they were added. */
export function linesOf(prefDescId: number): NSObject[] {
  return loadWhere(prefDescLineView, { PrefDesc_id: prefDescId });
}

function saveDescription(method: string, o: NSObject): NSObject {
  return byId(prefDescView, save(prefDescView, o, `${AGENT}.${method}`));
}

function saveLine(method: string, o: NSObject): NSObject {
  const where = `${AGENT}.${method}`;
  const owner = Number(o.f.PrefDescId ?? 0);
  if (owner && !db().get('PrefDesc', owner)) throw fail(where, `there is no preference description with id ${owner}`);
  return byId(prefDescLineView, save(prefDescLineView, o, where));
}

const ids = (list: unknown): number[] => (Array.isArray(list) ? list.map(Number).filter(Boolean) : []);

function deleteLinesOf(prefDescIds: number[]): void {
  for (const id of prefDescIds) for (const l of linesOf(id)) remove(prefDescLineView, Number(l.f.PrefDescLineId));
}

export const preferenceDescriptions: Methods = {
  'CreateDefaultPreferenceDescription()': () =>
    make('NSPreferenceDescription', { PrefDescId: 0, Section: '', Key: '', Name: '', ValueType: 0, MaxLevel: 5, SysMaxLevel: 5, MinLevel: 1, AccessFlags: 0, MaxValue: 0, MinValue: 0, Description: '', IsBuiltin: false, RequiredLicense: '', Rank: 0, SubGroup: '', TableName: '', UserDefinedListId: 0 }),
  'CreateDefaultPreferenceDescriptionLine()': () => make('NSPreferenceDescriptionLine', { PrefDescLineId: 0, PrefDescId: 0, PrefValue: '', PrefShowValue: '', Description: '', IsBuiltin: false }),
  'GetPreferenceDescription(Integer)': (_a: unknown, id: number) => byId(prefDescView, id),
  'GetPreferenceDescriptionLine(Integer)': (_a: unknown, id: number) => byId(prefDescLineView, id),
  'GetAll()': () => descriptions(null),
  'GetAllFromSection(String)': (_a: unknown, section: string) => descriptions(String(section ?? '')),
  'GetFromSectionAndKey(String,String)': (_a: unknown, section: string, key: string) => descriptionOf(String(section ?? ''), String(key ?? '')) ?? empty(prefDescView),
  'SaveFromSectionAndKey(String,String,NSPreferenceDescription)': (_a: unknown, section: string, key: string, d: NSObject) => {
    if (!d) throw fail(`${AGENT}.SaveFromSectionAndKey`, 'nothing to save');
    const stored = descriptionOf(String(section ?? ''), String(key ?? ''));
    const o = make('NSPreferenceDescription', { ...d.f, Section: section, Key: key, PrefDescId: stored ? stored.f.PrefDescId : 0 });
    return saveDescription('SaveFromSectionAndKey', o);
  },
  'SavePreferenceDescription(NSPreferenceDescription)': (_a: unknown, d: NSObject) => saveDescription('SavePreferenceDescription', d),
  'SavePreferenceDescriptionLine(NSPreferenceDescriptionLine)': (_a: unknown, l: NSObject) => saveLine('SavePreferenceDescriptionLine', l),
  'SavePreferenceDescriptionLines(NSPreferenceDescriptionLine[])': (_a: unknown, list: NSObject[]) => (list ?? []).map((l) => saveLine('SavePreferenceDescriptionLines', l)),
  'GetPreferenceDescriptionLineFromIdAndValue(Integer,String)': (_a: unknown, prefDescId: number, value: string) =>
    loadWhere(prefDescLineView, { PrefDesc_id: prefDescId, prefValue: String(value ?? '') }, 1)[0] ?? empty(prefDescLineView),
  'GetPreferenceDescriptionLinesByPrefDescId(Integer)': (_a: unknown, prefDescId: number) => linesOf(prefDescId),
  'DeletePreferenceDescription(Integer)': (_a: unknown, id: number) => {
    remove(prefDescView, id);
  },
  'DeletePreferenceDescriptionLine(Integer)': (_a: unknown, id: number) => {
    remove(prefDescLineView, id);
  },
  'DeletePreferenceDescriptionLines(Integer[])': (_a: unknown, list: unknown) => {
    for (const id of ids(list)) remove(prefDescLineView, id);
  },
  'DeletePrefDescLinesByPrefDescId(Integer)': (_a: unknown, id: number) => deleteLinesOf([id]),
  'DeletePrefDescLinesByPrefDescIds(Integer[])': (_a: unknown, list: unknown) => deleteLinesOf(ids(list)),
};
