// XMLNode (a small DOM: name, text, parameters = attributes, children) and the global parsers
// parseXML, parseJSON and parseJSON2.
//
// parseJSON maps a JSON document onto XMLNodes the way the product does: the top node is named
// "root"; every node carries a "type" parameter (object, array, string, number, bool, null); object
// members become children named by their key; array elements become children named "item";
// scalars are the node's text (numbers keep their source spelling, null is the text "null").
import type { NativeClass, NativeGlobals } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { jsonQuote } from './jsonbuilder.js';
import { charge } from '../runtime/memory.js';
import { dict } from '../runtime/dict.js';

// ---------------------------------------------------------------------------------------------
// JSON parsing

export type JsonValue =
  | { kind: 'object'; members: [string, JsonValue][]; source: string }
  | { kind: 'array'; items: JsonValue[]; source: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

/** Line and column (1-based) of offset `pos` in `text`. */
function lineCol(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

class JsonParser {
  pos = 0;
  constructor(
    private readonly s: string,
    private readonly who: string,
  ) {}

  fail(what: string): never {
    const where = this.pos >= this.s.length ? 'at the end of the text' : `at ${lineCol(this.s, this.pos)}`;
    throw new CrmError(`${this.who}: invalid JSON ${where}: ${what}.`);
  }

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(): JsonValue {
    this.ws();
    const s = this.s;
    if (this.pos >= s.length) this.fail('expected a value');
    const c = s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (s.startsWith('true', this.pos)) {
      this.pos += 4;
      return { kind: 'bool', value: true };
    }
    if (s.startsWith('false', this.pos)) {
      this.pos += 5;
      return { kind: 'bool', value: false };
    }
    if (s.startsWith('null', this.pos)) {
      this.pos += 4;
      return { kind: 'null' };
    }
    this.fail(`unexpected character '${c}'`);
  }

  object(): JsonValue {
    const start = this.pos;
    this.pos++; // {
    const members: [string, JsonValue][] = [];
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', members, source: this.s.slice(start, this.pos) };
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('expected a member name in double quotes');
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail("expected ':' after a member name");
      this.pos++;
      members.push([key, this.value()]);
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { kind: 'object', members, source: this.s.slice(start, this.pos) };
      }
      this.fail("expected ',' or '}' in an object");
    }
  }

  array(): JsonValue {
    const start = this.pos;
    this.pos++; // [
    const items: JsonValue[] = [];
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, source: this.s.slice(start, this.pos) };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items, source: this.s.slice(start, this.pos) };
      }
      this.fail("expected ',' or ']' in an array");
    }
  }

  string(): string {
    const s = this.s;
    this.pos++; // opening quote
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= s.length) this.fail('a string is not closed');
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += s.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += s.slice(run, this.pos);
      const e = s[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = s.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos -= 2;
            this.fail('bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.pos -= 2;
          this.fail('unknown escape sequence in a string');
      }
      run = this.pos;
    }
  }

  number(): JsonValue {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r) this.fail('malformed number');
    this.pos += r[0].length;
    return { kind: 'number', text: r[0] };
  }
}

/** Parses a whole JSON text; faults are CrmErrors naming `who` (e.g. 'parseJSON'). */
export function parseJsonText(text: string, who: string): JsonValue {
  const p = new JsonParser(text, who);
  if (text.charCodeAt(0) === 0xfeff) p.pos = 1;
  p.ws();
  if (p.pos >= text.length) throw new CrmError(`${who}: the JSON text is empty.`);
  const v = p.value();
  p.ws();
  if (p.pos < text.length) p.fail('unexpected text after the JSON value');
  return v;
}

// ---------------------------------------------------------------------------------------------
// The node

export class CrmXMLNode {
  text = '';
  params = new Map<string, string>();
  children: CrmXMLNode[] = [];
  constructor(public name = '') {
    charge(160 + 2 * name.length);
  }

  clone(): CrmXMLNode {
    const n = new CrmXMLNode(this.name);
    n.text = this.text;
    n.params = new Map(this.params);
    n.children = this.children.map((c) => c.clone());
    return n;
  }

  /** True when `other` is this node or one of its descendants. */
  contains(other: CrmXMLNode): boolean {
    if (other === this) return true;
    for (const c of this.children) if (c.contains(other)) return true;
    return false;
  }

  /**
   * Follows a dot-separated path of child names or child indices ("persons.1.name"). A first
   * segment naming this node itself is accepted too ("root.who" from the root node).
   */
  findPath(path: string): CrmXMLNode | null {
    if (path === '') return this;
    const segs = path.split('.');
    let cur: CrmXMLNode = this;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      let next: CrmXMLNode | undefined = cur.children.find((c) => c.name === seg);
      if (!next && /^\d+$/.test(seg)) next = cur.children[Number(seg)];
      if (!next) {
        if (i === 0 && seg === cur.name) continue;
        return null;
      }
      cur = next;
    }
    return cur;
  }

  child(name: string): CrmXMLNode | undefined {
    return this.children.find((c) => c.name === name);
  }
}

function asNode(v: unknown, what: string): CrmXMLNode {
  if (!(v instanceof CrmXMLNode)) throw new CrmError(`${what} needs an XMLNode, but got none.`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// XML output

function escText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function writeXml(node: CrmXMLNode, pad: number, out: string[]): void {
  const p = ' '.repeat(pad);
  let open = '<' + node.name;
  for (const [k, v] of node.params) open += ` ${k}="${escAttr(v)}"`;
  if (node.children.length === 0) {
    out.push(node.text === '' ? `${p}${open}/>\n` : `${p}${open}>${escText(node.text)}</${node.name}>\n`);
    return;
  }
  out.push(`${p}${open}>\n`);
  if (node.text !== '') out.push(`${p}  ${escText(node.text)}\n`);
  for (const c of node.children) writeXml(c, pad + 2, out);
  out.push(`${p}</${node.name}>\n`);
}

/**
 * The node as XML, one element per line, nested elements indented two more spaces; `indent` is
 * the indentation of the outermost element. Every line, the last included, ends with "\n".
 */
export function xmlToString(node: CrmXMLNode, indent: number): string {
  const out: string[] = [];
  writeXml(node, Math.max(0, indent | 0), out);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// JSON output

/** The JSON type of a node: its "type" parameter, else object when it has children, else string. */
function jsonType(node: CrmXMLNode): string {
  const t = (node.params.get('type') ?? '').toLowerCase();
  switch (t) {
    case 'object':
    case 'array':
    case 'string':
    case 'number':
    case 'null':
      return t;
    case 'bool':
    case 'boolean':
      return 'bool';
    case 'integer':
    case 'float':
    case 'int':
      return 'number';
    default:
      return node.children.length > 0 ? 'object' : 'string';
  }
}

function renderJson(node: CrmXMLNode, pad: number): string {
  switch (jsonType(node)) {
    case 'object': {
      if (node.children.length === 0) return '{}';
      const inner = ' '.repeat(pad + 2);
      const parts = node.children.map((c) => `${inner}${jsonQuote(c.name)}: ${renderJson(c, pad + 2)}`);
      return `{\n${parts.join(',\n')}\n${' '.repeat(pad)}}`;
    }
    case 'array': {
      if (node.children.length === 0) return '[]';
      const inner = ' '.repeat(pad + 2);
      const parts = node.children.map((c) => `${inner}${renderJson(c, pad + 2)}`);
      return `[\n${parts.join(',\n')}\n${' '.repeat(pad)}]`;
    }
    case 'number': {
      const t = node.text.trim();
      return t === '' ? '0' : t;
    }
    case 'bool': {
      const t = node.text.trim().toLowerCase();
      return t === 'true' || t === '1' ? 'true' : 'false';
    }
    case 'null':
      return 'null';
    default:
      return jsonQuote(node.text);
  }
}

/**
 * The node as a JSON document, pretty printed with two spaces per level; `indent` shifts the
 * whole document right. The node's own name is not part of the output.
 */
export function xmlToJson(node: CrmXMLNode, indent: number): string {
  const pad = Math.max(0, indent | 0);
  return ' '.repeat(pad) + renderJson(node, pad);
}

// ---------------------------------------------------------------------------------------------
// JSON input

function jsonToNode(v: JsonValue, name: string, emptyArrayBug: boolean): CrmXMLNode {
  const n = new CrmXMLNode(name);
  switch (v.kind) {
    case 'object':
      n.params.set('type', 'object');
      for (const [k, m] of v.members) n.children.push(jsonToNode(m, k, emptyArrayBug));
      break;
    case 'array':
      n.params.set('type', 'array');
      for (const it of v.items) n.children.push(jsonToNode(it, 'item', emptyArrayBug));
      // parseJSON's documented bug (fixed in parseJSON2): an empty array still has one child.
      if (v.items.length === 0 && emptyArrayBug) n.children.push(new CrmXMLNode('item'));
      break;
    case 'string':
      n.params.set('type', 'string');
      n.text = v.value;
      break;
    case 'number':
      n.params.set('type', 'number');
      n.text = v.text;
      break;
    case 'bool':
      n.params.set('type', 'bool');
      n.text = v.value ? 'true' : 'false';
      break;
    case 'null':
      n.params.set('type', 'null');
      n.text = 'null';
      break;
  }
  return n;
}

export function parseJsonToNode(text: string, who: string, emptyArrayBug: boolean): CrmXMLNode {
  return jsonToNode(parseJsonText(text, who), 'root', emptyArrayBug);
}

// ---------------------------------------------------------------------------------------------
// XML input

const NAMED_ENTITIES: Record<string, string> = dict({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" });

class XmlParser {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(what: string, at = this.pos): never {
    const where = at >= this.s.length ? 'at the end of the text' : `at ${lineCol(this.s, at)}`;
    throw new CrmError(`parseXML: invalid XML ${where}: ${what}.`);
  }

  ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  /** Skips `<!-- -->`, `<? ?>` and `<!DOCTYPE ...>`; true when something was skipped. */
  skipMisc(): boolean {
    const s = this.s;
    if (s.startsWith('<!--', this.pos)) {
      const end = s.indexOf('-->', this.pos + 4);
      if (end < 0) this.fail('a comment is not closed');
      this.pos = end + 3;
      return true;
    }
    if (s.startsWith('<?', this.pos)) {
      const end = s.indexOf('?>', this.pos + 2);
      if (end < 0) this.fail('a processing instruction is not closed');
      this.pos = end + 2;
      return true;
    }
    if (s.startsWith('<!DOCTYPE', this.pos)) {
      // may hold an internal subset in [ ... ]
      let depth = 0;
      for (let i = this.pos + 9; i < s.length; i++) {
        const c = s[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) {
          this.pos = i + 1;
          return true;
        }
      }
      this.fail('a DOCTYPE declaration is not closed');
    }
    return false;
  }

  decode(raw: string, at: number): string {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);/g, (whole, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        if (!(code >= 0 && code <= 0x10ffff)) this.fail(`bad character reference ${whole}`, at);
        return String.fromCodePoint(code);
      }
      const v = NAMED_ENTITIES[ent];
      if (v === undefined) this.fail(`unknown entity ${whole}`, at);
      return v;
    });
  }

  name(): string {
    const m = /[^\s/>=<"'!?]+/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r) this.fail('expected a name');
    this.pos += r[0].length;
    return r[0];
  }

  document(): CrmXMLNode {
    if (this.s.charCodeAt(0) === 0xfeff) this.pos = 1;
    for (;;) {
      this.ws();
      if (!this.skipMisc()) break;
    }
    if (this.pos >= this.s.length) throw new CrmError('parseXML: the XML text has no element.');
    if (this.s[this.pos] !== '<') this.fail('expected "<" to start the root element');
    const root = this.element();
    for (;;) {
      this.ws();
      if (!this.skipMisc()) break;
    }
    if (this.pos < this.s.length) this.fail('unexpected content after the root element');
    return root;
  }

  element(): CrmXMLNode {
    const s = this.s;
    const start = this.pos;
    this.pos++; // <
    const node = new CrmXMLNode(this.name());
    for (;;) {
      this.ws();
      if (this.pos >= s.length) this.fail(`the tag <${node.name}> is not closed`, start);
      if (s.startsWith('/>', this.pos)) {
        this.pos += 2;
        return node;
      }
      if (s[this.pos] === '>') {
        this.pos++;
        break;
      }
      const attrName = this.name();
      this.ws();
      if (s[this.pos] !== '=') this.fail(`expected '=' after the attribute ${attrName}`);
      this.pos++;
      this.ws();
      const q = s[this.pos];
      if (q !== '"' && q !== "'") this.fail(`the value of the attribute ${attrName} must be quoted`);
      const end = s.indexOf(q, this.pos + 1);
      if (end < 0) this.fail(`the value of the attribute ${attrName} is not closed`);
      const at = this.pos;
      node.params.set(attrName, this.decode(s.slice(this.pos + 1, end), at));
      this.pos = end + 1;
    }
    // content
    const texts: string[] = [];
    for (;;) {
      if (this.pos >= s.length) this.fail(`the element <${node.name}> is not closed`, start);
      if (s.startsWith('</', this.pos)) {
        const at = this.pos;
        this.pos += 2;
        const closing = this.name();
        if (closing !== node.name) this.fail(`</${closing}> does not match <${node.name}>`, at);
        this.ws();
        if (s[this.pos] !== '>') this.fail(`expected '>' to end </${closing}>`);
        this.pos++;
        break;
      }
      if (s.startsWith('<![CDATA[', this.pos)) {
        const end = s.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('a CDATA section is not closed');
        texts.push(s.slice(this.pos + 9, end));
        this.pos = end + 3;
        continue;
      }
      if (this.skipMisc()) continue;
      if (s[this.pos] === '<') {
        if (s[this.pos + 1] === '!') this.fail('unexpected markup declaration');
        node.children.push(this.element());
        continue;
      }
      let end = s.indexOf('<', this.pos);
      if (end < 0) end = s.length;
      texts.push(this.decode(s.slice(this.pos, end), this.pos));
      this.pos = end;
    }
    const text = texts.join('');
    // Around child elements the text is mostly indentation: keep it only when it says something.
    node.text = node.children.length > 0 ? text.trim() : text;
    return node;
  }
}

export function parseXmlText(text: string): CrmXMLNode {
  return new XmlParser(text).document();
}

// ---------------------------------------------------------------------------------------------
// The class

export const XMLNodeClass: NativeClass = {
  name: 'XMLNode',
  defaultValue: () => new CrmXMLNode(),
  ctors: {
    '(XMLNode)': (other: unknown) => asNode(other, 'XMLNode(XMLNode)').clone(),
    // The docs call the argument "a string to parse", while their examples pass a tag name
    // (XMLNode("root")): markup is parsed, anything else names the new node.
    '(String)': (value: string) => (value.trimStart().startsWith('<') ? parseXmlText(value) : new CrmXMLNode(value)),
  },
  methods: {
    'toString(Integer)': (self: CrmXMLNode, indent: number) => xmlToString(self, indent),
    'toJSON(Integer)': (self: CrmXMLNode, indent: number) => xmlToJson(self, indent),
    'addChild(XMLNode)': (self: CrmXMLNode, node: unknown) => {
      const n = asNode(node, 'XMLNode.addChild');
      // a node cannot contain itself: add a copy instead of building a cycle
      self.children.push(n.contains(self) ? n.clone() : n);
    },
    'getChildren()': (self: CrmXMLNode) => self.children.slice(),
    'setChildren(XMLNode[])': (self: CrmXMLNode, arr: unknown[]) => {
      self.children = (arr ?? []).map((c) => {
        const n = asNode(c, 'XMLNode.setChildren');
        return n.contains(self) ? n.clone() : n;
      });
    },
    'getName()': (self: CrmXMLNode) => self.name,
    'setName(String)': (self: CrmXMLNode, name: string) => {
      self.name = name;
    },
    'getParameter(String)': (self: CrmXMLNode, name: string) => self.params.get(name) ?? '',
    'setParameter(String,String)': (self: CrmXMLNode, name: string, value: string) => {
      charge(64 + 2 * (name.length + value.length));
      self.params.set(name, value);
    },
    'getText()': (self: CrmXMLNode) => self.text,
    'setText(String)': (self: CrmXMLNode, text: string) => {
      charge(2 * text.length);
      self.text = text;
    },
    // A path that leads nowhere gives the empty (null) String.
    'getValueFromPath(String)': (self: CrmXMLNode, path: string) => self.findPath(path)?.text ?? '',
    'getNodeFromPath(String)': (self: CrmXMLNode, path: string) => self.findPath(path) ?? new CrmXMLNode(),
  },
  extraSignatures: ['XMLNode getNodeFromPath(String path)'],
};

export const xmlGlobals: NativeGlobals = {
  'parseJSON(String)': (text: string) => parseJsonToNode(text, 'parseJSON', true),
  'parseJSON2(String)': (text: string) => parseJsonToNode(text, 'parseJSON2', false),
  'parseXML(String)': (text: string) => parseXmlText(text),
};
