// A macro runs as CRMScript: this turns its actions into the equivalent program. The same text
// is what "Show as script" displays, and what the engine checks, runs, debugs and traces.
//
// Shape of the program: an optional helper function, then per action a comment, the declarations
// of its results (before its condition, so later actions can read them whether or not it ran; a
// skipped action leaves them empty), and its statements, inside `if (...) { }` when it has a
// condition.
import type { Macro, MacroAction, MacroCondition, StoreData } from '../store/schema.js';
import { folderPath, findScriptByIncludeId, scriptPath } from '../store/repos.js';
import {
  findActionType,
  findOperator,
  isAlways,
  paramValue,
  parseValue,
  referenceText,
  type Reference,
} from './actions.js';

/** The display file name of a macro's program in messages, e.g. "macro:Escalate". */
export function macroFileName(macro: Pick<Macro, 'name'>): string {
  return `macro:${macro.name}`;
}

/** A CRMScript string literal. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 32 || c === 127) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function commentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .map((l) => (l === '' ? '//' : `// ${l}`));
}

/** Names of the CRMScript variables that hold action N's results. */
export function resultVariable(index: number, field: string): string {
  return `action${index}_${field}`;
}

const EVENT_VAR = 'macroEvent';
const LESS_THAN = 'macroLessThan';

export interface GeneratedMacro {
  source: string;
  /** For each action (0-based), the 1-based line of its comment in `source`. */
  actionLines: number[];
  /** Include names of the scripts the macro runs, for the runner to compile beforehand. */
  scripts: string[];
}

class Writer {
  lines: string[] = [];
  indent = 0;
  usesEvent = false;
  usesLessThan = false;

  emit(line: string): void {
    this.lines.push(line === '' ? '' : '  '.repeat(this.indent) + line);
  }
}

/**
 * The CRMScript expression for a parameter value: literal text and references joined with `+`.
 * A reference that cannot be resolved here (validation reports it) becomes "".
 */
function valueExpr(w: Writer, value: string, actions: MacroAction[], self: number): string {
  const parts = parseValue(value).map((part) => {
    if ('ref' in part) return refExpr(w, part.ref, actions, self);
    if ('bad' in part) return '""';
    return quote(part.text);
  });
  if (parts.length === 0) return '""';
  return parts.join(' + ');
}

function refExpr(w: Writer, ref: Reference, actions: MacroAction[], self: number): string {
  if (ref.source === 'input') {
    w.usesEvent = true;
    return `${EVENT_VAR}.getInputValue(${quote(ref.name)})`;
  }
  if (ref.source === 'var') return `getVariable(${quote(ref.name)})`;
  const target = actions[ref.index - 1];
  if (ref.index < 1 || ref.index > self || !target) return `"" /* ${referenceText(ref).replace(/\*\//g, '* /')}: not available */`;
  const type = findActionType(target.type);
  if (target.type === 'httpRequest' && ref.field.startsWith('header.')) {
    return `${resultVariable(ref.index, 'http')}.getResponseHeader(${quote(ref.field.slice('header.'.length))})`;
  }
  if (!type?.results.some((r) => r.name === ref.field)) return `"" /* ${referenceText(ref).replace(/\*\//g, '* /')}: not available */`;
  return resultVariable(ref.index, ref.field);
}

function conditionExpr(w: Writer, c: Exclude<MacroCondition, { kind: 'always' }>, actions: MacroAction[], self: number): string {
  const left = valueExpr(w, c.left, actions, self);
  const right = valueExpr(w, c.right, actions, self);
  // method calls need a single operand on their left
  const l = /^[A-Za-z_][\w.]*(\([^()]*\))?$|^"(?:[^"\\]|\\.)*"$/.test(left) ? left : `(${left})`;
  switch (c.op) {
    case 'equals':
      return `${left} == ${right}`;
    case 'notEquals':
      return `${left} != ${right}`;
    case 'contains':
      return `${l}.find(${right}) >= 0`;
    case 'beginsWith':
      return `${l}.beginsWith(${right})`;
    case 'lessThan':
      w.usesLessThan = true;
      return `${LESS_THAN}(${left}, ${right})`;
    case 'greaterThan':
      w.usesLessThan = true;
      return `${LESS_THAN}(${right}, ${left})`;
    case 'isEmpty':
      return `${l}.isEmpty()`;
    case 'isNotEmpty':
      return `!${l}.isEmpty()`;
    default:
      return 'false';
  }
}

/** "NAME=VALUE" lines (Run a script's values). Lines without "=" are skipped (validation reports them). */
export function parseAssignments(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || line.slice(0, eq).trim() === '') continue;
    out.push([line.slice(0, eq).trim(), line.slice(eq + 1)]);
  }
  return out;
}

/** "Name: value" lines (HTTP headers). Lines without ":" are skipped (validation reports them). */
export function parseHeaderLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon).trim() === '') continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** Comma-separated list, keeping references whole. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const HTTP_CALL: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' };

/** Declarations of an action's results (top level) and its statements (under its condition). */
function actionCode(w: Writer, a: MacroAction, actions: MacroAction[], n: number): { decls: string[]; body: string[] } {
  const v = (name: string) => valueExpr(w, paramValue(a, name), actions, n);
  const r = (field: string) => resultVariable(n, field);
  const decls: string[] = [];
  const body: string[] = [];
  switch (a.type) {
    case 'setVariable':
      body.push(`setVariable(${quote(paramValue(a, 'name').trim())}, ${v('value')});`);
      break;
    case 'setOutputValue':
      w.usesEvent = true;
      body.push(`${EVENT_VAR}.setOutputValue(${quote(paramValue(a, 'name').trim())}, ${v('value')});`);
      break;
    case 'blockEvent':
      w.usesEvent = true;
      body.push(`${EVENT_VAR}.setBlockExecution(true);`);
      body.push(`${EVENT_VAR}.setMessage(${v('message')});`);
      break;
    case 'runScript': {
      decls.push(`ScriptCall ${r('call')};`, `String ${r('output')};`, `String ${r('return')};`);
      for (const [name, value] of parseAssignments(paramValue(a, 'values'))) {
        body.push(`${r('call')}.setValue(${quote(name)}, ${valueExpr(w, value, actions, n)});`);
      }
      body.push(`${r('call')}.run(${quote(paramValue(a, 'script').trim())});`);
      body.push(`${r('output')} = ${r('call')}.getOutput();`);
      body.push(`${r('return')} = ${r('call')}.getReturnValue();`);
      if (paramValue(a, 'printOutput') !== 'no') body.push(`print(${r('output')});`);
      break;
    }
    case 'log':
      body.push(`log(${v('message')});`);
      if (paramValue(a, 'print') === 'yes') body.push(`printLine(${v('message')});`);
      break;
    case 'stop':
      body.push(`exitWithMessage(${v('message')});`);
      break;
    case 'httpRequest': {
      const method = paramValue(a, 'method').trim().toUpperCase();
      decls.push(`HTTP ${r('http')};`, `String ${r('status')};`, `String ${r('body')};`, `String ${r('error')};`);
      for (const [name, value] of parseHeaderLines(paramValue(a, 'headers'))) {
        body.push(`${r('http')}.addHeader(${quote(name)}, ${valueExpr(w, value, actions, n)});`);
      }
      const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      if (hasBody && paramValue(a, 'contentType').trim() !== '') {
        body.push(`${r('http')}.addHeader("Content-Type", ${v('contentType')});`);
      }
      if (hasBody && paramValue(a, 'body') !== '') {
        body.push(`${r('http')}.setOption("parametersUTF8", "true");`);
        body.push('// HTTP drops the first character of "parameters", hence the leading blank');
        body.push(`${r('http')}.setOption("parameters", " " + ${v('body')});`);
      }
      body.push(`Byte[] ${r('response')} = ${r('http')}.${HTTP_CALL[method] ?? 'get'}(${v('url')});`);
      body.push(`${r('status')} = ${r('http')}.getValue("statusCode");`);
      body.push(`${r('body')} = String(${r('response')}, "UTF-8");`);
      body.push(`${r('error')} = ${r('http')}.getErrorMessage();`);
      break;
    }
    case 'sendEmail': {
      decls.push(`Email ${r('mail')};`);
      for (const field of ['to', 'cc', 'bcc', 'sms']) {
        for (const item of splitList(paramValue(a, field))) {
          body.push(`${r('mail')}.setValue(${quote(field)}, ${valueExpr(w, item, actions, n)});`);
        }
      }
      if (paramValue(a, 'from').trim() !== '') body.push(`${r('mail')}.setValue("from", ${v('from')});`);
      body.push(`${r('mail')}.setValue("subject", ${v('subject')});`);
      body.push(`${r('mail')}.setValue("body", ${v('body')});`);
      if (paramValue(a, 'html') !== '') body.push(`${r('mail')}.setValue("bodyHtml", ${v('html')});`);
      body.push(`${r('mail')}.send();`);
      break;
    }
    default:
      body.push(`// unknown action type "${a.type.replace(/[\r\n]/g, ' ')}": nothing to do`);
  }
  return { decls, body };
}

/** A one-line summary of a condition, e.g. `{var.total} greater than 10`. */
export function describeCondition(c: MacroCondition): string {
  if (isAlways(c)) return 'always';
  const op = findOperator(c.op);
  if (!op) return `${c.left} ${c.op} ${c.right}`;
  const show = (s: string) => (s === '' ? '""' : s);
  return op.binary ? `${show(c.left)} ${op.label} ${show(c.right)}` : `${show(c.left)} ${op.label}`;
}

/** The program for a macro, with where each action starts. `data` adds script paths to comments. */
export function generateMacroProgram(macro: Pick<Macro, 'name' | 'description' | 'actions'> & Partial<Pick<Macro, 'folderId'>>, data?: StoreData): GeneratedMacro {
  const w = new Writer();
  const actions = macro.actions;
  const where = data && macro.folderId ? ` in the folder "${folderPath(data, macro.folderId)}"` : '';
  const header = [
    `// The macro "${macro.name}"${where} as CRMScript.`,
    '// Generated from its actions by crmscript-tui: change the macro, not this text.',
    ...(macro.description.trim() !== '' ? ['//', ...commentLines(macro.description.trim())] : []),
  ];

  const bodyStart = w.lines.length;
  const starts: number[] = [];
  const scripts: string[] = [];
  actions.forEach((a, i) => {
    const n = i + 1;
    const type = findActionType(a.type);
    w.emit('');
    starts.push(w.lines.length);
    w.emit(`// ${n}. ${type?.label ?? a.type}${isAlways(a.condition) ? '' : ` (only if ${describeCondition(a.condition).replace(/[\r\n]+/g, ' ')})`}`);
    if (a.type === 'runScript') {
      const inc = paramValue(a, 'script').trim();
      if (inc !== '' && !scripts.includes(inc)) scripts.push(inc);
      const s = data && inc !== '' ? findScriptByIncludeId(data, inc) : undefined;
      if (s) w.emit(`// runs the script "${scriptPath(data!, s)}"`);
    }
    const { decls, body } = actionCode(w, a, actions, n);
    for (const d of decls) w.emit(d);
    if (isAlways(a.condition)) {
      for (const b of body) w.emit(b);
    } else {
      w.emit(`if (${conditionExpr(w, a.condition, actions, n)}) {`);
      w.indent++;
      for (const b of body) w.emit(b);
      w.indent--;
      w.emit('}');
    }
  });
  const bodyLines = w.lines.slice(bodyStart);

  const prelude: string[] = [];
  if (w.usesLessThan) {
    prelude.push(
      '',
      '// Compares as numbers when both values are numbers, otherwise as text.',
      `Bool ${LESS_THAN}(String left, String right) {`,
      `  String number = ${quote('^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*$')};`,
      '  if (left.regexp(number).length() > 0 && right.regexp(number).length() > 0)',
      '    return left.toFloat() < right.toFloat();',
      '  return left < right;',
      '}',
    );
  }
  if (w.usesEvent) prelude.push('', `EventData ${EVENT_VAR} = getEventData();`);
  if (actions.length === 0) bodyLines.push('', '// The macro has no actions yet.');

  const all = [...header, ...prelude, ...bodyLines];
  const offset = header.length + prelude.length;
  return {
    source: all.join('\n') + '\n',
    actionLines: starts.map((s) => s - bodyStart + offset + 1),
    scripts,
  };
}

/** The equivalent CRMScript program of a macro (what "Show as script" displays and what runs). */
export function generateMacroScript(macro: Pick<Macro, 'name' | 'description' | 'actions'> & Partial<Pick<Macro, 'folderId'>>, data?: StoreData): string {
  return generateMacroProgram(macro, data).source;
}
