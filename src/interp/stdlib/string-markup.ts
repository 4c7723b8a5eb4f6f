// HTML and XML in Strings: entity encoding and decoding, and the body or head of an HTML document.
import { dict } from '../runtime/dict.js';

// ---- HTML / XML entities ----

// HTML 4 names for the Latin-1 range 160..255, in code point order.
const LATIN1_ENTITY_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const NAMED_ENTITIES: Record<string, number> = dict({
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  euro: 0x20ac,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  hellip: 0x2026,
  bull: 0x2022,
  trade: 0x2122,
  dagger: 0x2020,
  permil: 0x2030,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
});
LATIN1_ENTITY_NAMES.forEach((n, i) => {
  NAMED_ENTITIES[n] = 160 + i;
});

function decodeEntities(s: string, named: (name: string) => number | undefined): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    let cp: number | undefined;
    if (body[0] === '#') {
      cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(cp >= 0 && cp <= 0x10ffff)) return whole;
    } else {
      cp = named(body);
      if (cp === undefined) return whole;
    }
    return String.fromCodePoint(cp);
  });
}

export function htmlEncode(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

export function htmlDecode(s: string): string {
  return decodeEntities(s, (n) => NAMED_ENTITIES[n]);
}

const XML_ENTITIES: Record<string, number> = dict({ amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 });

export function xmlEncode(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

export function xmlDecode(s: string): string {
  return decodeEntities(s, (n) => XML_ENTITIES[n]);
}
// ---- HTML documents ----

export function extractHtmlBody(s: string, convertBodyToDiv: boolean): string {
  const open = /<body\b([^>]*)>/i.exec(s);
  if (!open) return s;
  const start = open.index + open[0].length;
  const closeRe = /<\/body\s*>/gi;
  closeRe.lastIndex = start;
  const close = closeRe.exec(s);
  const inner = s.slice(start, close ? close.index : s.length);
  return convertBodyToDiv ? `<div${open[1]}>${inner}</div>` : inner;
}

export function extractHtmlHead(s: string, stripTitle: boolean): string {
  const open = /<head\b[^>]*>/i.exec(s);
  if (!open) return '';
  const start = open.index + open[0].length;
  const closeRe = /<\/head\s*>/gi;
  closeRe.lastIndex = start;
  const close = closeRe.exec(s);
  const inner = s.slice(start, close ? close.index : s.length);
  return stripTitle ? inner.replace(/<title\b[^>]*>[\s\S]*?<\/title\s*>/gi, '') : inner;
}

export function isHtmlDocument(s: string): boolean {
  const t = s.replace(/^[\uFEFF\s]+/, '').toLowerCase();
  return t.startsWith('<!doctype html') || t.startsWith('<html');
}
