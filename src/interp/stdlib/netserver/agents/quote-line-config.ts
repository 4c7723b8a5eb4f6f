// NSQuoteAgent's quote line configurations (QuoteLineConfiguration): which quote line fields the
// quote dialog shows, requires and lets the user edit, with their labels and order. The rows are
// the system's (the demo sandbox has one per quote line field); a script changes them but cannot
// add one. A field bound to be read-only (RestrictEdit) cannot be made editable or mandatory, one
// that must show (PreventHide) cannot be hidden. Labels and tooltips are kept as text: the sandbox
// has no resource files to look resource names up in.
import type { NSObject } from '../object.js';
import { db, fail, hasTable } from './db.js';
import { col, loadWhere, register, type View } from './view.js';
import { byId, make, type Methods } from './define.js';
import { at } from './quote-state.js';

const TABLE = 'QuoteLineConfiguration';

export const quoteLineConfigView: View = {
  cls: 'NSQuoteLineConfiguration',
  table: TABLE,
  key: 'QuoteLineConfigurationId',
  cols: 'FieldName=FieldName:s Label=LabelRes:s Tooltip=TooltipRes:s InUse=InUse:b Mandatory=Mandatory:b Editable=Editable:b Rank=Rank:i RestrictEdit=RestrictEdit:b',
};
register(quoteLineConfigView);

const all = (): NSObject[] => (hasTable(TABLE) ? loadWhere(quoteLineConfigView, {}).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank)) : []);

function saveOne(method: string, c: NSObject): NSObject {
  const where = at(method);
  if (!c) throw fail(where, 'the configuration is NULL');
  const id = Number(c.f.QuoteLineConfigurationId) || 0;
  const row = id && hasTable(TABLE) ? db().get(TABLE, id) : null;
  if (!row) throw fail(where, id ? `there is no quote line configuration with id ${id}` : 'a new quote line configuration cannot be added: the configurations are the quote line fields\'');
  const field = String(col(row, 'FieldName') ?? '');
  const flag = (k: string): boolean => !!c.f[k];
  if (Number(col(row, 'RestrictEdit') ?? 0) && (flag('Editable') || flag('Mandatory'))) throw fail(where, `${field} is read-only: it cannot be made editable or mandatory`);
  if (Number(col(row, 'PreventHide') ?? 0) && !flag('InUse')) throw fail(where, `${field} cannot be hidden`);
  if (flag('Mandatory') && !flag('InUse')) throw fail(where, `${field} cannot be mandatory and not in use`);
  db().update(TABLE, id, { LabelRes: String(c.f.Label ?? ''), TooltipRes: String(c.f.Tooltip ?? ''), InUse: flag('InUse') ? 1 : 0, Mandatory: flag('Mandatory') ? 1 : 0, Editable: flag('Editable') ? 1 : 0, Rank: Number(c.f.Rank) || 0, updated: db().now(), updated_associate_id: db().actor().associateId });
  return byId(quoteLineConfigView, id);
}

export const quoteLineConfigs: Methods = {
  'GetAllQuoteLineConfigurations()': () => all(),
  'GetInUseQuoteLineConfigurations()': () => all().filter((c) => c.f.InUse),
  'GetQuoteLineConfiguration(Integer)': (_a: unknown, id: number) => byId(quoteLineConfigView, id),
  'GetQuoteLineConfigurationFromFieldName(String)': (_a: unknown, name: string) =>
    all().find((c) => String(c.f.FieldName).toLowerCase() === String(name ?? '').trim().toLowerCase()) ?? make('NSQuoteLineConfiguration', { QuoteLineConfigurationId: 0 }),
  'SaveQuoteLineConfiguration(NSQuoteLineConfiguration)': (_a: unknown, c: NSObject) => saveOne('SaveQuoteLineConfiguration', c),
  'SaveQuoteLineConfigurations(NSQuoteLineConfiguration[])': (_a: unknown, cs: NSObject[]) => (cs ?? []).map((c) => saveOne('SaveQuoteLineConfigurations', c)),
};
