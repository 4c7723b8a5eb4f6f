// NSListAgent's external applications and web panels, both rows of SuperOffice's ExtApp table: an
// application runs a program (appType 1), a web panel shows a URL (appType 2 integrated HTML, 3
// integrated URL, 4 browser URL, 5 external URL). Where it can be used is availableInState's bits
// (AppAvailState: central 1, satellite 2, travel 4, web 8, pocket 16), where it shows is navigation
// (VisibleIn), and showState holds the window state in its low byte and the browser's bars in its
// bits (ShowState: toolbar 256, address bar 512, status bar 1024, menu bar 2048). ExtApp has no
// column for a web panel's ProgId or URL encoding: the sandbox keeps the ProgId in filename (a web
// panel has no program file) and the URL encoding (UrlEncoding) in configInfo.
import type { NSObject } from '../object.js';
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, LIST_TABLE_COLS, loadWhere, register, remove, type View } from './view.js';
import { byId, empty, make, saved, type Methods } from './define.js';

const AGENT = 'NSListAgent';

const EXE = 1;
const INTEGRATED_URL = 3;
const isPanelType = (t: number): boolean => t >= 2 && t <= 5;

const STATES: [prop: string, bit: number][] = [['OnCentral', 1], ['OnSatellite', 2], ['OnTravel', 4], ['OnSalesMarketingWeb', 8], ['OnSalesMarketingPocket', 16]];
const BARS: [prop: string, bit: number][] = [['ShowInToolBar', 256], ['ShowInAddressBar', 512], ['ShowInStatusBar', 1024], ['ShowInMenuBar', 2048]];

const num = (row: CrmRow | null, c: string): number => Number(row ? (col(row, c) ?? 0) : 0);

/** The flags of a bit set as properties (`props`: the carrier's own). */
function readBits(o: NSObject, value: number, bits: [string, number][], props: Set<string>): void {
  for (const [prop, bit] of bits) if (props.has(prop)) o.f[prop] = (value & bit) !== 0;
}

/** The bit set the properties say; bits the carrier has no property for keep their stored value. */
function writeBits(f: Record<string, unknown>, old: number, bits: [string, number][], props: Set<string>): number {
  let value = old;
  for (const [prop, bit] of bits) if (props.has(prop)) value = f[prop] ? value | bit : value & ~bit;
  return value;
}

/** The reference spells a web panel's satellite flag two ways (OnSatellite, OnSattelite): the one changed wins. */
function satellite(o: NSObject, stored: boolean): boolean {
  const a = !!o.f.OnSatellite;
  const b = o.f.OnSattelite === undefined ? a : !!o.f.OnSattelite;
  return a === b ? a : a !== stored ? a : b;
}

function appView(cls: string, key: string, cols: string, states: string[], panel: boolean): View {
  const stateProps = new Set(states);
  const barProps = new Set(BARS.map(([p]) => p));
  return {
    cls,
    table: 'ExtApp',
    key,
    cols: `${LIST_TABLE_COLS} Icon=icon:i VisibleIn=navigation:i ${cols}`,
    required: [['Name', `the ${panel ? 'web panel' : 'application'} name (SetName)`]],
    calc: (o, row) => {
      readBits(o, num(row, 'availableInState'), STATES, stateProps);
      readBits(o, num(row, 'showState'), BARS, barProps);
      if (panel) {
        o.f.OnSattelite = o.f.OnSatellite;
        o.f.UrlEncoding = Number(col(row, 'configInfo') ?? 0) | 0;
      } else o.f.ShowState = num(row, 'showState') & 0xff;
    },
    extra: (o, old) => {
      const flags = panel ? { ...o.f, OnSatellite: satellite(o, (num(old, 'availableInState') & 2) !== 0) } : o.f;
      const bars = writeBits(flags, num(old, 'showState'), BARS, barProps);
      const oldType = num(old, 'appType');
      return {
        availableInState: writeBits(flags, num(old, 'availableInState'), STATES, stateProps),
        showState: panel ? bars : (bars & ~0xff) | (Number(o.f.ShowState ?? 0) & 0xff),
        appType: panel ? (isPanelType(oldType) ? oldType : INTEGRATED_URL) : EXE,
        ...(panel ? { configInfo: String(Number(o.f.UrlEncoding ?? 0) | 0) } : {}),
      };
    },
  };
}

export const webPanelView = appView('NSWebPanelEntity', 'WebPanelId', 'WindowName=windowName:s Url=url1:s ProgId=filename:s', STATES.map(([p]) => p), true);
export const extAppView = appView(
  'NSExtAppEntity',
  'ExtAppId',
  'Filename=filename:s Path=path:s Parameters=parameters:s Workdir=workdir:s WaitToFinish=waitToFinish:b',
  ['OnCentral', 'OnSatellite', 'OnTravel', 'OnSalesMarketingPocket'],
  false,
);

register(webPanelView, extAppView);

/** Whether ExtApp row `id` is there and a web panel (true), an application (false), or missing (null). */
function isPanel(id: number): boolean | null {
  const row = id && db().table('ExtApp') ? db().get('ExtApp', id) : null;
  return row ? isPanelType(num(row, 'appType')) : null;
}

/** The row as an entity of the view when it is of that kind, else an empty one. */
function ofKind(v: View, id: number, panel: boolean): NSObject {
  return isPanel(id) === panel ? byId(v, id) : empty(v);
}

function saveApp(method: string, v: View, o: NSObject, panel: boolean): NSObject {
  const id = Number(o?.f?.[v.key] ?? 0) | 0;
  if (id && isPanel(id) === !panel) throw fail(`${AGENT}.${method}`, `ExtApp row ${id} is ${panel ? 'an external application, not a web panel' : 'a web panel, not an external application'}`);
  if (panel && o && String(o.f.ProgId ?? '')) {
    const other = panelsWhere({ filename: String(o.f.ProgId) }).find((p) => Number(p.f.WebPanelId) !== id);
    if (other) throw fail(`${AGENT}.${method}`, `the web panel ${Number(other.f.WebPanelId)} already has the ProgId "${String(o.f.ProgId)}"`);
  }
  return saved(AGENT, method, v, o);
}

const panelsWhere = (where: Record<string, string>): NSObject[] =>
  db().table('ExtApp') ? loadWhere(webPanelView, { ...where, appType: [2, 3, 4, 5] }) : [];

export const appLists: Methods = {
  'CreateDefaultWebPanelEntity()': () => make('NSWebPanelEntity', { WebPanelId: 0, Rank: 0, Deleted: false, VisibleIn: 0, UrlEncoding: 0, OnCentral: true, OnSalesMarketingWeb: true }),
  'GetWebPanelEntity(Integer)': (_a: unknown, id: number) => ofKind(webPanelView, id, true),
  'SaveWebPanelEntity(NSWebPanelEntity)': (_a: unknown, o: NSObject) => saveApp('SaveWebPanelEntity', webPanelView, o, true),
  'GetWebPanelByProgId(String)': (_a: unknown, progId: string) => (String(progId ?? '') ? panelsWhere({ filename: String(progId) })[0] : undefined) ?? empty(webPanelView),
  // the web panels not marked deleted
  'GetWebPanelList()': () => panelsWhere({}).filter((p) => !p.f.Deleted),
  // a real DELETE; an external application is not a web panel and stays
  'DeleteWebPanel(Integer)': (_a: unknown, id: number) => {
    const kind = isPanel(id);
    if (kind === false) throw fail(`${AGENT}.DeleteWebPanel`, `ExtApp row ${id} is an external application, not a web panel`);
    if (kind) remove(webPanelView, id);
  },
  // the web panels an Online app owns, known by its application token: a sandbox run is no app, so it owns none
  'GetAppWebPanels()': () => [],
  'DeleteAppWebPanels()': () => undefined,
  'CreateDefaultExtAppEntity()': () => make('NSExtAppEntity', { ExtAppId: 0, Rank: 0, Deleted: false, VisibleIn: 0, ShowState: 2, OnCentral: true }),
  'GetExtAppEntity(Integer)': (_a: unknown, id: number) => ofKind(extAppView, id, false),
  'SaveExtAppEntity(NSExtAppEntity)': (_a: unknown, o: NSObject) => saveApp('SaveExtAppEntity', extAppView, o, false),
};
