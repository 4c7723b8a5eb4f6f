// NSListAgent's typed lists over SuperOffice's list tables: the list items that listGetters
// (quote-list.ts) turns into Get<X>(Integer), Get<X>List(Integer[]) and Get<X>s() — activity types
// (NSTask: Task), salutations (NSMrMrs: MrMrs), ratings (NSRating: the sale stages of Prob, the
// list SuperOffice's Rating list shows), payment and delivery terms and types (PaymentTerms,
// PaymentType, DeliveryTerms, DeliveryType), departments (NSDepartment: UserGroup, which
// SuperOffice calls user groups) and customer languages (NSCustomerLanguage: cust_lang) — and the
// localized texts (LocaleText) and languages (LanguageInfo) with their own look-ups.
import type { NSObject } from '../object.js';
import { hasTable } from './db.js';
import { listView, loadWhere, register, type View } from './view.js';
import { byId, type Methods } from './define.js';
import { currencyCountry } from './list-currency-country.js';
import { hierarchyLists } from './list-hierarchy.js';
import { resourceLists } from './list-resources.js';
import { appLists } from './list-apps.js';

register(
  listView('NSTask', 'Task'),
  listView('NSMrMrs', 'MrMrs'),
  listView('NSRating', 'Prob'),
  listView('NSPaymentTerm', 'PaymentTerms'),
  listView('NSPaymentType', 'PaymentType'),
  listView('NSDeliveryTerm', 'DeliveryTerms'),
  listView('NSDeliveryType', 'DeliveryType'),
  listView('NSDepartment', 'UserGroup'),
  listView('NSCustomerLanguage', 'cust_lang'),
);

/** A LocaleText row: a text of one type (LocalizedTextType) for a resource, in one language (an LCID, 0 for any). */
export const localizedTextView: View = {
  cls: 'NSLocalizedText',
  table: 'LocaleText',
  key: 'LocalizedTextId',
  cols: 'LanguageId=languageId:i Type=typeId:i ResourceId=resourceId:i Text=text:s IsBuiltIn=isBuiltin:b',
};

/** A LanguageInfo row: a language by its ISO names and LCID. */
export const languageInfoView: View = {
  cls: 'NSLanguageInfo',
  table: 'LanguageInfo',
  key: 'LanguageInfoId',
  cols: 'LCID=defaultLcid:i ThreeLetterISOLanguageName=abbrev3:s TwoLetterISOLanguageName=abbrev2:s EnglishName=englishName:s NativeName=nativeName:s IsBuiltIn=isBuiltIn:b',
};

register(localizedTextView, languageInfoView);

const texts = (where: Record<string, number | number[]>): NSObject[] => (hasTable(localizedTextView.table) ? loadWhere(localizedTextView, where) : []);

/**
 * The text of a type for a resource in a language; SuperOffice falls back to the text for every
 * language (language 0) when the language has none, and gives an empty text when neither exists.
 */
function textByType(type: number, resourceId: number, languageId: number): NSObject {
  const of = (language: number): NSObject | undefined => texts({ typeId: type, resourceId, languageId: language })[0];
  return of(languageId) ?? of(0) ?? byId(localizedTextView, 0);
}

/** The languages the database has texts in: those whose LCID some LocaleText row is in. */
function installedLanguages(): NSObject[] {
  if (!hasTable(languageInfoView.table)) return [];
  const used = new Set(texts({}).map((t) => Number(t.f.LanguageId)));
  return loadWhere(languageInfoView, {}).filter((l) => used.has(Number(l.f.LCID)));
}

const textMethods: Methods = {
  'GetLocalizedTextByType(Integer,Integer,Integer)': (_a: unknown, type: number, resourceId: number, languageId: number) => textByType(type | 0, resourceId | 0, languageId | 0),
  'GetLocalizedTextsByLanguageId(Integer)': (_a: unknown, languageId: number) => texts({ languageId: languageId | 0 }),
  // no types (an empty array) stands for every type, as a null array does in NetServer
  'GetLocalizedTextsByType(Integer[])': (_a: unknown, types: unknown) => {
    const list = Array.isArray(types) ? types.map(Number) : [];
    return texts(list.length ? { typeId: list } : {});
  },
  'GetInstalledLanguages()': () => installedLanguages(),
};

/** NSListAgent's typed lists beyond the list getters: texts and languages, currencies and countries, hierarchies, resources and amount classes, web panels and applications. */
export const typedLists: Methods = { ...textMethods, ...currencyCountry, ...hierarchyLists, ...resourceLists, ...appLists };
