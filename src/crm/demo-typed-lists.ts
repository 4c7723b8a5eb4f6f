// The demo data's typed lists that NSListAgent reads: salutations (MrMrs), payment terms and
// types, delivery terms and types, amount classes, external applications and web panels (ExtApp),
// languages (LanguageInfo) and localized texts (LocaleText). Nothing else in the demo points to
// them. A new sandbox gets them with the rest of the demo data; a sandbox made by an older build
// gets them when the tables are added (typed-list-migration.ts).
import { items, STAMP, type Row } from './demo-lists.js';

/** LCIDs, the language ids LocaleText and LanguageInfo use. */
const ENGLISH = 1033;
const NORWEGIAN = 1044;

/** LocalizedTextType values (LocaleText.typeId). */
const LABEL = 1;
const TABLE = 2;

/** ExtApp.appType: a program, an integrated URL, a browser URL. */
const EXE = 1;
const INTEGRATED_URL = 3;
const BROWSER_URL = 4;

/** ExtApp.availableInState bits (AppAvailState): the central database, the web client. */
const CENTRAL = 1;
const WEB = 8;

/** ExtApp.navigation (Navigation) and showState bits (ShowState). */
const TOOLBOX_MENU = 1;
const CONTACT_CARD = 5;
const BROWSER_PANEL = 13;
const DEFAULT_SIZE = 2;
const TOOLBAR = 256;
const ADDRESS_BAR = 512;

/** An ExtApp row: the list columns and the application's own. */
function app(id: number, name: string, tooltip: string, own: Row): Row {
  return { id, name, rank: id, tooltip, deleted: 0, path: '', parameters: '', workdir: '', icon: 0, availableInState: 0, executeOnEvent: 0, waitToFinish: 0, windowName: '', url1: '', url2: '', configInfo: '', ...own, ...STAMP };
}

/** A LocaleText row. */
function text(id: number, languageId: number, typeId: number, resourceId: number, value: string): Row {
  return { id, languageId, typeId, resourceId, text: value, isBuiltin: 1, ...STAMP };
}

/** The tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_TYPED_LISTS: Record<string, Row[]> = {
  MrMrs: items([
    ['Mr', 'Mister'],
    ['Ms', 'A woman, whether married or not'],
    ['Dr', 'Doctor'],
  ]),
  PaymentTerms: items([
    ['Net 14 days', 'Payment within 14 days of the invoice'],
    ['Net 30 days', 'Payment within 30 days of the invoice'],
    ['Prepayment', 'Payment before delivery'],
  ]),
  PaymentType: items([
    ['Invoice', 'Paid by bank transfer on an invoice'],
    ['Card', 'Paid by credit or debit card'],
  ]),
  DeliveryTerms: items([
    ['Ex works', 'The buyer collects the goods at our premises'],
    ['Delivered at place', 'We deliver to the address the buyer names'],
  ]),
  DeliveryType: items([
    ['Courier', 'Delivered by a courier'],
    ['Post', 'Sent by post'],
    ['Download', 'Delivered electronically'],
  ]),
  // in Norwegian kroner (currency 1, demo-lists.ts)
  AmountClass: items([
    ['Small', 'Up to 50 000', { amountFrom: 0, amountTo: 50000, currencyId: 1 }],
    ['Medium', '50 000 to 250 000', { amountFrom: 50000, amountTo: 250000, currencyId: 1 }],
    ['Large', 'Above 250 000', { amountFrom: 250000, amountTo: 100000000, currencyId: 1 }],
  ]),
  // a program and two web panels; a web panel keeps its ProgId in filename and its URL encoding in
  // configInfo (netserver/agents/list-apps.ts)
  ExtApp: [
    app(1, 'Notepad', 'Opens a text editor', { filename: 'notepad.exe', appType: EXE, availableInState: CENTRAL, navigation: TOOLBOX_MENU, showState: DEFAULT_SIZE }),
    app(2, 'Company news', 'News about the company from the intranet', {
      filename: 'Sandbox.CompanyNews', appType: INTEGRATED_URL, availableInState: CENTRAL + WEB, navigation: CONTACT_CARD, showState: TOOLBAR, url1: 'https://intranet.example/news?company=<cuid>', configInfo: '1',
    }),
    app(3, 'Support portal', 'The customer support portal', {
      filename: 'Sandbox.SupportPortal', appType: BROWSER_URL, availableInState: CENTRAL + WEB, navigation: BROWSER_PANEL, showState: TOOLBAR + ADDRESS_BAR, url1: 'https://support.example/', windowName: 'support', configInfo: '2',
    }),
  ],
  // English and Norwegian have texts (the installed languages), Swedish and German have none
  LanguageInfo: [
    [ENGLISH, 'eng', 'en', 'English', 'English'],
    [NORWEGIAN, 'nob', 'nb', 'Norwegian', 'Norsk (bokmål)'],
    [1053, 'swe', 'sv', 'Swedish', 'Svenska'],
    [1031, 'deu', 'de', 'German', 'Deutsch'],
  ].map(([defaultLcid, abbrev3, abbrev2, englishName, nativeName], i) => ({ id: i + 1, defaultLcid, abbrev3, abbrev2, englishName, nativeName, isBuiltIn: 1, ...STAMP })),
  LocaleText: [
    text(1, ENGLISH, LABEL, 101, 'Company'),
    text(2, NORWEGIAN, LABEL, 101, 'Firma'),
    text(3, ENGLISH, LABEL, 102, 'Contact person'),
    text(4, NORWEGIAN, LABEL, 102, 'Kontaktperson'),
    text(5, ENGLISH, TABLE, 5, 'Companies'),
    text(6, NORWEGIAN, TABLE, 5, 'Firmaer'),
    text(7, 0, LABEL, 103, 'Customer number'),
  ],
};

/** The tables, in the order they are created and filled. */
export const TYPED_LIST_TABLES = Object.keys(DEMO_TYPED_LISTS);
