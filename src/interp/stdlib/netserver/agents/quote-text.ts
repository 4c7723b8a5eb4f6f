// A quote's documents made from document templates: the template's template variables filled
// from the quote's sale (its company, person, the sale and the user, template-vars.ts) and the
// quote's own values. SuperOffice's quote templates are Word documents whose quote lines its
// document plugin fills; the sandbox fills text, HTML and XML templates with tags of its own:
// {quote.number}, {quote.description}, {quote.expires}, {quote.currency}, {quote.total},
// {quote.po} and, between {quote.lines} and {/quote.lines}, one copy per line of the alternative
// (the version's likely one, or the ordered one) with {line.name}, {line.code}, {line.description},
// {line.quantity}, {line.unit}, {line.price}, {line.discount}, {line.total} and {line.vat}; a
// {quote.alternatives} … {/quote.alternatives} block repeats for every alternative instead, with
// {alternative.name}, {alternative.description}, {alternative.total}, {alternative.discount},
// {alternative.vat} and its own lines block.
import type { NSObject } from '../object.js';
import { db } from './db.js';
import { col, load, loadWhere } from './view.js';
import { substituteTags, type TagSources } from './template-vars.js';
import { templateText, type Template } from './template-files.js';
import { alternativesOf, quoteAlternativeView, quoteLineView } from './quote-views.js';
import { at, type VersionRecords } from './quote-state.js';

/** A quote template's text (template-files.ts). */
export function template(method: string, id: number, language = ''): Template {
  return templateText(at(method), id, language);
}

/** The first template (not deleted) of a DocTmplQuoteType, 0 for none. */
export function templateOfType(quoteDocType: number): number {
  const row = db()
    .select('DocTmpl', { where: [{ column: 'quoteDocType', op: '=', value: quoteDocType }], orderBy: [{ column: 'DocTmpl_id' }] })
    .find((r) => !Number(col(r, 'deleted') ?? 0));
  return row ? Number(col(row, 'DocTmpl_id')) : 0;
}

/** The records a quote's texts are filled from. */
export function sourcesOf(r: VersionRecords): TagSources {
  const n = (c: string): number => Number(r.sale ? (col(r.sale, c) ?? 0) : 0) || 0;
  return { contactId: n('contact_id'), personId: n('person_id'), appointmentId: 0, documentId: 0, saleId: n('sale_id'), projectId: n('project_id') };
}

const money = (v: unknown): string => (Number(v) || 0).toFixed(2);
const shortDate = (v: unknown): string => {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(String(v ?? ''));
  return m && m[1] !== '1970' && m[1] !== '0000' ? `${m[3]}.${m[2]}.${m[1]}` : '';
};

function lineTags(l: NSObject): Map<string, string> {
  return new Map([
    ['line.name', String(l.f.Name ?? '')],
    ['line.code', String(l.f.Code ?? '')],
    ['line.description', String(l.f.Description ?? '')],
    ['line.quantity', String(Number(l.f.Quantity) || 0)],
    ['line.unit', String(l.f.QuantityUnit ?? '')],
    ['line.price', money(l.f.UnitListPrice)],
    ['line.discount', money(l.f.DiscountPercent)],
    ['line.total', money(l.f.TotalPrice)],
    ['line.vat', money(l.f.VAT)],
  ]);
}

function alternativeTags(a: NSObject): Map<string, string> {
  return new Map([
    ['alternative.name', String(a.f.Name ?? '')],
    ['alternative.description', String(a.f.Description ?? '')],
    ['alternative.total', money(a.f.TotalPrice)],
    ['alternative.discount', money(a.f.DiscountPercent)],
    ['alternative.vat', money(a.f.VAT)],
  ]);
}

/** Repeats each `{name}` … `{/name}` block once per item, its copies filled by `fill`. */
function repeat<T>(text: string, name: string, items: T[], fill: (block: string, item: T) => string): string {
  const open = `{${name}}`;
  const close = `{/${name}}`;
  let out = '';
  let rest = text;
  for (;;) {
    const s = rest.indexOf(open);
    const e = s < 0 ? -1 : rest.indexOf(close, s + open.length);
    if (s < 0 || e < 0) return out + rest;
    const block = rest.slice(s + open.length, e);
    out += rest.slice(0, s) + items.map((item) => fill(block, item)).join('');
    rest = rest.slice(e + close.length);
  }
}

/** The text of a template filled for a quote version (its lines from `alternativeId`, 0: the likely one). */
export function fillQuote(t: Template | string, r: VersionRecords, alternativeId = 0, encoding = 0): string {
  const text = typeof t === 'string' ? t : t.text;
  const enc = typeof t === 'string' ? encoding : t.encoding;
  const src = sourcesOf(r);
  const versionId = Number(r.version.f.QuoteVersionId);
  const chosen = load(quoteAlternativeView, alternativeId || Number(r.version.f.LikelyQuoteAlternativeId) || 0) ?? alternativesOf(versionId)[0] ?? null;
  const currencyId = Number(r.sale ? (col(r.sale, 'currency_id') ?? 0) : 0) || 0;
  const currency = currencyId && db().table('Currency') ? db().get('Currency', currencyId) : null;
  const quoteTags = new Map([
    ['quote.number', String(r.version.f.Number ?? '')],
    ['quote.description', String(r.version.f.Description ?? '')],
    ['quote.expires', shortDate(col(db().get('QuoteVersion', versionId) ?? {}, 'ExpirationDate'))],
    ['quote.currency', currency ? String(col(currency, 'isoCode') ?? '') : ''],
    ['quote.total', money(chosen?.f.TotalPrice)],
    ['quote.po', String(r.quote.f.PoNumber ?? '')],
  ]);
  const linesOf = (alt: NSObject | null): NSObject[] => (alt ? loadWhere(quoteLineView, { QuoteAlternativeId: Number(alt.f.QuoteAlternativeId) }).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank)) : []);
  const lineBlock = (block: string, alt: NSObject | null, tags: Map<string, string>): string =>
    repeat(block, 'quote.lines', linesOf(alt), (b, l) => substituteTags(b, enc, src, new Map([...quoteTags, ...tags, ...lineTags(l)])));
  const withAlts = repeat(text, 'quote.alternatives', alternativesOf(versionId), (block, alt) => {
    const tags = alternativeTags(alt);
    return substituteTags(lineBlock(block, alt, tags), enc, src, new Map([...quoteTags, ...tags]));
  });
  const tags = chosen ? alternativeTags(chosen) : new Map<string, string>();
  return substituteTags(lineBlock(withAlts, chosen, tags), enc, src, new Map([...quoteTags, ...tags]));
}
