// The template language of SuperOffice Service's parser (reply templates, Parser.parseString):
// text with placeholders `[[name]]` (also `<cs:parser>name</cs:parser>`), replaced by the value of
// the parser variable; `[[PARSER_TREE]]` / `%PARSER_TREE%` list every variable; and the directives
// IF / ELSEIF / ELSE / ENDIF, DECODE, SET, INC, DEC, FORMAT-DATE, SEC-TO-TIME and RETURN
// (evaluateString). Unknown variables read as ''. A malformed template is a script error naming
// the line of the directive.
import { CrmError } from '../../runtime/values.js';
import { parseDateTime } from '../time/parse.js';
import { formatWithCodes } from '../time/format.js';

/** What a template reads and writes: the parser's variables. */
export interface TemplateVars {
  get(name: string): string;
  set(name: string, value: string): void;
  /** Every variable with its values, in the order they were set. */
  entries(): [string, string[]][];
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; body: string; line: number }
  | { kind: 'if'; branches: { cond: string | null; line: number; body: Node[] }[] };

const TAG = /\[\[([\s\S]*?)\]\]|<cs:parser>([\s\S]*?)<\/cs:parser>|%PARSER_TREE%/g;

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function keyword(body: string): string {
  const m = /^\s*([A-Za-z_-]+)\s*(?::|$)/.exec(body);
  return m ? m[1].toUpperCase() : '';
}

function argOf(body: string): string {
  const i = body.indexOf(':');
  return i < 0 ? '' : body.slice(i + 1).trim();
}

/** Splits the template into text, tags and IF blocks. */
function parse(text: string, what: string): Node[] {
  const flat: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    if (m.index > last) flat.push({ kind: 'text', text: text.slice(last, m.index) });
    const body = m[1] ?? m[2] ?? 'PARSER_TREE';
    flat.push({ kind: 'tag', body, line: lineAt(text, m.index) });
    last = m.index + m[0].length;
  }
  if (last < text.length) flat.push({ kind: 'text', text: text.slice(last) });
  let i = 0;
  const block = (inIf: { line: number } | null): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (i < flat.length) {
      const n = flat[i++];
      if (n.kind !== 'tag') {
        nodes.push(n);
        continue;
      }
      const k = keyword(n.body);
      if (k === 'IF') {
        const branches: { cond: string | null; line: number; body: Node[] }[] = [];
        let cond: string | null = argOf(n.body);
        let line = n.line;
        for (;;) {
          const r = block({ line: n.line });
          branches.push({ cond, line, body: r.nodes });
          const endTag = flat[i - 1] as { body: string; line: number };
          if (r.end === 'ENDIF') break;
          if (cond === null) throw new CrmError(`${what}: line ${endTag.line}: [[${r.end}]] after [[ELSE]]`);
          cond = r.end === 'ELSE' ? null : argOf(endTag.body);
          line = endTag.line;
        }
        nodes.push({ kind: 'if', branches });
      } else if (k === 'ELSEIF' || k === 'ELSE' || k === 'ENDIF') {
        if (!inIf) throw new CrmError(`${what}: line ${n.line}: [[${k}]] without [[IF]]`);
        return { nodes, end: k };
      } else nodes.push(n);
    }
    if (inIf) throw new CrmError(`${what}: line ${inIf.line}: [[IF]] has no [[ENDIF]]`);
    return { nodes, end: '' };
  };
  return block(null).nodes;
}

/** Splits `a,"b,c",d` at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** A quoted literal, a number, or the name of a variable. */
function operand(s: string, vars: TemplateVars): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  if (/^-?\d+(\.\d+)?$/.test(t)) return t;
  return vars.get(t);
}

const CMP = /^(.*?)(!=|<>|<=|>=|==|=|<|>)(.*)$/s;

function compare(a: string, op: string, b: string): boolean {
  const na = Number(a);
  const nb = Number(b);
  const numeric = a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb);
  const c = numeric ? na - nb : a < b ? -1 : a > b ? 1 : 0;
  switch (op) {
    case '!=':
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    default:
      return c === 0;
  }
}

/** `a="1"`, `a!=b`, `a>3`, `a` (set and not 0), joined with && and ||, negated with a leading !. */
function condition(s: string, vars: TemplateVars): boolean {
  const ors = s.split('||');
  if (ors.length > 1) return ors.some((x) => condition(x, vars));
  const ands = s.split('&&');
  if (ands.length > 1) return ands.every((x) => condition(x, vars));
  const t = s.trim();
  const m = CMP.exec(t);
  if (m) return compare(operand(m[1], vars), m[2], operand(m[3], vars));
  if (t.startsWith('!')) return !condition(t.slice(1), vars);
  const v = operand(t, vars);
  return v !== '' && v !== '0';
}

function secToTime(seconds: number, format: string): string {
  const s = Math.max(0, Math.trunc(seconds));
  const parts: Record<string, number> = { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60), s: s % 60 };
  return format.replace(/hh|mm|ss|h|m|s/g, (k) => (k.length === 2 ? String(parts[k[0]]).padStart(2, '0') : String(parts[k])));
}

function tree(vars: TemplateVars): string {
  return vars
    .entries()
    .map(([name, values]) => (values.length === 1 ? `${name} = ${values[0]}` : values.map((v, i) => `${name}[${i}] = ${v}`).join('\n')))
    .join('\n');
}

class Returned {
  constructor(readonly value: string) {}
}

function tag(body: string, line: number, vars: TemplateVars, what: string, returns: boolean): string {
  const k = keyword(body);
  const arg = argOf(body);
  const fail = (msg: string): never => {
    throw new CrmError(`${what}: line ${line}: [[${body.trim()}]]: ${msg}`);
  };
  switch (k) {
    case 'PARSER_TREE':
      return tree(vars);
    case 'SET': {
      const m = /^([^=]+)=([\s\S]*)$/.exec(arg);
      if (!m) return fail('expected SET:name="value"');
      vars.set(m[1].trim(), operand(m[2], vars));
      return '';
    }
    case 'INC':
    case 'DEC': {
      const name = arg.trim();
      if (!name) return fail('expected a variable name');
      vars.set(name, String((Number(vars.get(name)) || 0) + (k === 'INC' ? 1 : -1)));
      return '';
    }
    case 'DECODE': {
      const a = splitArgs(arg);
      if (a.length < 2) return fail('expected DECODE:expr,"value","result",...,"default"');
      const v = operand(a[0], vars);
      for (let i = 1; i + 1 < a.length; i += 2) if (operand(a[i], vars) === v) return operand(a[i + 1], vars);
      return a.length % 2 === 0 ? operand(a[a.length - 1], vars) : '';
    }
    case 'FORMAT-DATE': {
      const a = splitArgs(arg);
      if (a.length !== 2) return fail('expected FORMAT-DATE:"date","format"');
      const dt = parseDateTime(operand(a[0], vars));
      return formatWithCodes(dt, operand(a[1], vars));
    }
    case 'SEC-TO-TIME': {
      const a = splitArgs(arg);
      if (a.length !== 2) return fail('expected SEC-TO-TIME:"seconds","format"');
      return secToTime(Number(operand(a[0], vars)) || 0, operand(a[1], vars));
    }
    case 'RETURN':
      if (returns) throw new Returned(operand(arg, vars));
      return '';
    default:
      return vars.get(body.trim());
  }
}

function evaluate(nodes: Node[], vars: TemplateVars, what: string, returns: boolean): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'tag') out += tag(n.body, n.line, vars, what, returns);
    else {
      const b = n.branches.find((x) => x.cond === null || condition(x.cond, vars));
      if (b) out += evaluate(b.body, vars, what, returns);
    }
  }
  return out;
}

/** The template with its placeholders and directives replaced ([[RETURN]] prints nothing). */
export function parseTemplate(text: string, vars: TemplateVars, what = 'Parser.parseString'): string {
  return evaluate(parse(text, what), vars, what, false);
}

/** The value of the template's [[RETURN:expr]] ('' when it has none); the text itself is discarded. */
export function evaluateTemplate(text: string, vars: TemplateVars): string {
  const what = 'Parser.evaluateString';
  try {
    evaluate(parse(text, what), vars, what, true);
    return '';
  } catch (e) {
    if (e instanceof Returned) return e.value;
    throw e;
  }
}
