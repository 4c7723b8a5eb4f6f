// NSPreferenceAgent beyond plain preferences: a preference of one level and owner
// (GetPreferenceByNameAndId), preferences with the values their descriptions show
// (GetPreferencesWithDisplayValues: a list of values shows its line, a list table reference the
// row's name, a time zone its location) and the users' tab orders (TabOrder: each user keeps one
// order per tab control).
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadWhere, register, save, type View } from './view.js';
import { byId, empty, make, type Methods } from './define.js';
import { preferenceView } from './misc-views.js';
import { preferencesNamed } from './ticket-user-pref.js';
import { descriptionOf, tableNamed } from './pref-descriptions.js';

const AGENT = 'NSPreferenceAgent';

/** PrefDescValueType values that show something other than the stored value. */
const VALUE_TYPE = { listOfValues: 4, listTableRef: 5, timeZone: 12 } as const;

const tabOrderView: View = {
  cls: 'NSTabOrder',
  table: 'TabOrder',
  key: 'TabOrderId',
  cols: 'AssociateId=associateId:i TabName=tabName:s Order=tabOrder:s',
};
register(tabOrderView);

/** The user's tab order of a tab control, null when the user has none. */
function tabOrderOf(tabName: string): NSObject | null {
  return loadWhere(tabOrderView, { associateId: db().actor().associateId, tabName }, 1)[0] ?? null;
}

/** Saves a tab order as the user's own: it replaces the user's order of that tab control. */
function saveTabOrder(method: string, t: NSObject): void {
  const where = `${AGENT}.${method}`;
  if (!t) throw fail(where, 'nothing to save');
  const tabName = String(t.f.TabName ?? '');
  if (!tabName) throw fail(where, 'the tab control (SetTabName) is required');
  const mine = tabOrderOf(tabName);
  save(tabOrderView, make('NSTabOrder', { TabOrderId: mine ? mine.f.TabOrderId : 0, AssociateId: db().actor().associateId, TabName: tabName, Order: String(t.f.Order ?? '') }), where);
}

/** A column of the row `id` of `table`, '' when there is no such row. */
function cell(table: string, id: number, column: string): string {
  const row = table && id && db().table(table) ? db().get(table, id) : null;
  return row ? String(col(row, column) ?? '') : '';
}

/** A preference with its description's id, table, value type and shown value. */
function withDisplayValue(p: NSObject): NSObject {
  const spec = p.f.Specification as NSObject | undefined;
  const d = spec ? descriptionOf(String(spec.f.Section ?? ''), String(spec.f.Key ?? '')) : null;
  if (!d) return p;
  const raw = String(p.f.RawValue ?? '');
  const type = Number(d.f.ValueType ?? 0);
  p.f.PrefDescId = d.f.PrefDescId;
  p.f.DisplayType = type;
  p.f.TableName = d.f.TableName;
  p.f.DisplayValue = raw;
  p.f.DisplayTooltip = '';
  if (type === VALUE_TYPE.listOfValues) {
    const line = db().select('PrefDescLine', { where: [{ column: 'PrefDesc_id', op: '=', value: Number(d.f.PrefDescId) }, { column: 'prefValue', op: '=', value: raw }], limit: 1 })[0];
    if (line) {
      p.f.DisplayValue = String(col(line, 'prefShowValue') ?? '');
      p.f.DisplayTooltip = String(col(line, 'description') ?? '');
    }
  } else if (type === VALUE_TYPE.listTableRef) {
    const table = tableNamed(Number(d.f.MaxValue ?? 0));
    p.f.DisplayValue = cell(table, Number(raw), 'name');
    p.f.DisplayTooltip = cell(table, Number(raw), 'tooltip');
  } else if (type === VALUE_TYPE.timeZone) {
    p.f.DisplayValue = cell('TZLocation', Number(raw), 'regionName');
    p.f.DisplayTooltip = cell('TZLocation', Number(raw), 'cities');
  }
  return p;
}

export const preferenceExtra: Methods = {
  'GetPreferenceByNameAndId(String,String,Integer,Integer)': (_a: unknown, section: string, key: string, level: number, ownerId: number) => {
    const row = db().select('UserPreference', {
      where: [
        { column: 'prefsection', op: '=', value: String(section ?? '') },
        { column: 'prefkey', op: '=', value: String(key ?? '') },
        { column: 'deflevel', op: '=', value: level },
        { column: 'owner_id', op: '=', value: ownerId },
      ],
      orderBy: [{ column: 'userpreference_id' }],
      limit: 1,
    })[0];
    return row ? byId(preferenceView, Number(col(row, 'userpreference_id'))) : empty(preferenceView);
  },
  'GetPreferencesWithDisplayValues(NSPreferenceSpec[])': (_a: unknown, specs: NSObject[]) =>
    (specs ?? []).flatMap((s) => preferencesNamed(String(s.f.Section ?? ''), String(s.f.Key ?? '')).slice(0, 1)).map(withDisplayValue),
  'GetTabOrder(String)': (_a: unknown, tabName: string) => tabOrderOf(String(tabName ?? '')) ?? make('NSTabOrder', { TabOrderId: 0, AssociateId: db().actor().associateId, TabName: String(tabName ?? ''), Order: '' }),
  'GetTabOrders()': () => loadWhere(tabOrderView, { associateId: db().actor().associateId }),
  'SaveTabOrder(NSTabOrder)': (_a: unknown, t: NSObject) => saveTabOrder('SaveTabOrder', t),
  'SaveTabOrders(NSTabOrder[])': (_a: unknown, list: NSObject[]) => {
    for (const t of list ?? []) saveTabOrder('SaveTabOrders', t);
  },
};
