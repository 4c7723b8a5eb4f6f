// Mail content as NSTicketAgent prepares it: HTML made safe to show (SanitizeMailContent) and
// HTML as plain text (Html2Text, the same conversion as htmlConvToText). The sanitizer is the
// sandbox's own: it keeps the markup and the text, and takes out what can run or load code —
// script-like elements, frames and plugins, <base>/<meta>/<link>, forms, event-handler
// attributes, script and data URLs, and CSS that runs script.
import { htmlDecode } from '../../string-markup.js';

/** Elements removed with everything inside them. */
const WITH_CONTENT = ['script', 'iframe', 'object', 'applet', 'frameset', 'noembed', 'noframes'];
/** Tags removed on their own (what they enclose stays). */
const TAG_ONLY = new Set(['embed', 'frame', 'base', 'meta', 'link', 'form']);
/** Attributes whose value is a URL something is loaded from or run. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'background', 'lowsrc', 'dynsrc', 'poster', 'data', 'codebase', 'xlink:href', 'srcset']);

const SCRIPT_URL = /^(javascript|vbscript|livescript):/i;
const SCRIPT_CSS = /expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding/i;

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/** An attribute value as a browser reads it: entities decoded, quotes, blanks and control characters gone. */
function plain(value: string): string {
  const unquoted = /^["']/.test(value) ? value.slice(1, -1) : value;
  return htmlDecode(unquoted).replace(/[\u0000-\u0020]+/g, '');
}

function harmful(tag: string, name: string, value: string | undefined): boolean {
  if (name.startsWith('on')) return true;
  if (value === undefined) return false;
  const v = plain(value);
  if (name === 'style') return SCRIPT_CSS.test(v);
  if (!URL_ATTRIBUTES.has(name)) return false;
  if (SCRIPT_URL.test(v)) return true;
  // inline images may be data URLs; nothing else may
  return /^data:/i.test(v) && !(tag === 'img' && name === 'src' && /^data:image\//i.test(v));
}

function cleanTag(whole: string, close: string, rawName: string, attrs: string, selfClose: string): string {
  const tag = rawName.toLowerCase();
  if (TAG_ONLY.has(tag)) return '';
  if (close) return `</${rawName}>`;
  const kept: string[] = [];
  for (const m of attrs.matchAll(ATTRIBUTE)) if (!harmful(tag, m[1]!.toLowerCase(), m[2])) kept.push(m[0]);
  return `<${rawName}${kept.map((a) => ` ${a}`).join('')}${selfClose ? ' /' : ''}>`;
}

/** HTML with what can run or load code taken out; text and harmless markup stay as they were. */
export function sanitizeMail(html: string): string {
  let s = html.replace(/<!--[\s\S]*?(-->|$)/g, '');
  for (const el of WITH_CONTENT) {
    // a closed element goes with its content; an unclosed one takes the rest of the mail with it
    s = s.replace(new RegExp(`<${el}\\b[\\s\\S]*?(<\\/${el}\\s*>|$)`, 'gi'), '');
    s = s.replace(new RegExp(`<\\/${el}\\s*>`, 'gi'), '');
  }
  s = s.replace(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi, (whole, css: string) => (SCRIPT_CSS.test(css) ? '' : whole));
  return s.replace(TAG, cleanTag);
}
