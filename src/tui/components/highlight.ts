/**
 * CRMScript syntax highlighting for display: splits a source into lines of
 * classified tokens. Strings and block comments may span lines, so the whole
 * source is scanned once (cache the result per source text).
 */
import { expandTabs } from '../text.js';

export type TokenKind = 'keyword' | 'type' | 'string' | 'number' | 'comment' | 'directive' | 'call' | 'plain';

export interface Token {
  text: string;
  kind: TokenKind;
}

const KEYWORDS = new Set([
  'if', 'else', 'for', 'foreach', 'in', 'while', 'break', 'continue', 'return', 'try', 'catch', 'throw', 'struct', 'this', 'true', 'false',
]);

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;

/** Lines of tokens; every line's tokens concatenate to the (tab-expanded) line text. */
export function highlightSource(source: string): Token[][] {
  const text = source
    .split(/\r?\n/)
    .map((l) => expandTabs(l))
    .join('\n');
  const lines: Token[][] = [[]];
  const push = (t: string, kind: TokenKind) => {
    // Tokens never cross a line break in the result.
    const parts = t.split('\n');
    parts.forEach((p, i) => {
      if (i > 0) lines.push([]);
      if (p === '') return;
      const line = lines[lines.length - 1]!;
      const last = line[line.length - 1];
      if (last && last.kind === kind) last.text += p;
      else line.push({ text: p, kind });
    });
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? n : nl;
      push(text.slice(i, end), 'comment');
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? n : close + 2;
      push(text.slice(i, end), 'comment');
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, n);
      push(text.slice(i, end), 'string');
      i = end;
    } else if (c === '#') {
      const m = /^#[\p{L}_][\p{L}\p{Nd}_]*/u.exec(text.slice(i, i + 40));
      const w = m ? m[0] : '#';
      push(w, 'directive');
      i += w.length;
    } else if (c === '%' && text.startsWith('%EJSCRIPT_', i)) {
      const m = /^%EJSCRIPT_(START|END)%/.exec(text.slice(i, i + 20));
      const w = m ? m[0] : '%';
      push(w, m ? 'directive' : 'plain');
      i += w.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
      const w = m ? m[0] : c;
      push(w, 'number');
      i += w.length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j]!)) j++;
      const word = text.slice(i, j);
      let k = j;
      while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
      let kind: TokenKind = 'plain';
      if (KEYWORDS.has(word)) kind = 'keyword';
      else if (/^[A-Z]/.test(word)) kind = 'type';
      else if (text[k] === '(') kind = 'call';
      push(word, kind);
      i = j;
    } else {
      push(c, 'plain');
      i++;
    }
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0 && text.endsWith('\n')) lines.pop();
  return lines;
}
