// Parsing XML text into XMLNodes (parseXML).
import { CrmError } from '../runtime/values.js';
import { lineCol, MAX_NESTING } from './json-parse.js';
import { CrmXMLNode } from './xml-node.js';
import { dict } from '../runtime/dict.js';

const NAMED_ENTITIES: Record<string, string> = dict({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" });

class XmlParser {
  pos = 0;
  /** Elements open around the one being read (nesting past MAX_NESTING is an error, not a stack overflow). */
  depth = 0;
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
        if (++this.depth > MAX_NESTING) this.fail(`elements nest more than ${MAX_NESTING} deep`);
        node.children.push(this.element());
        this.depth--;
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
