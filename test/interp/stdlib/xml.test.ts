import { describe, it, expect } from 'vitest';
import { XMLNodeClass, xmlGlobals, CrmXMLNode } from '../../../src/interp/stdlib/xml.js';
import { JSONBuilderClass } from '../../../src/interp/stdlib/jsonbuilder.js';
import { CrmError, NULL_STRING } from '../../../src/interp/runtime/values.js';

const X = XMLNodeClass.methods!;
const parseJSON = xmlGlobals['parseJSON(String)'];
const parseJSON2 = xmlGlobals['parseJSON2(String)'];
const parseXML = xmlGlobals['parseXML(String)'];
const node = (name: string): CrmXMLNode => XMLNodeClass.ctors!['(String)'](name);
const path = (n: CrmXMLNode, p: string): string => X['getValueFromPath(String)'](n, p);

describe('parseJSON', () => {
  it('maps objects, arrays and scalars onto typed nodes', () => {
    const root = parseJSON('{"persons": [{"name": "John"}, {"name": "Peter"}], "count": 2, "ok": true, "none": null, "f": -1.5e3}');
    expect(X['getName()'](root)).toBe('root');
    expect(X['getParameter(String)'](root, 'type')).toBe('object');
    const kids: CrmXMLNode[] = X['getChildren()'](root);
    expect(kids.map((k) => X['getName()'](k))).toEqual(['persons', 'count', 'ok', 'none', 'f']);
    expect(kids.map((k) => X['getParameter(String)'](k, 'type'))).toEqual(['array', 'number', 'bool', 'null', 'number']);
    const persons: CrmXMLNode[] = X['getChildren()'](kids[0]);
    expect(persons.map((p) => X['getName()'](p))).toEqual(['item', 'item']);
    expect(X['getText()'](kids[3])).toBe('null');
    expect(X['getText()'](kids[4])).toBe('-1.5e3');
  });

  it('getValueFromPath follows names and indices (conformance 023)', () => {
    const root = parseJSON('{"persons": [{"name": "John"}, {"name": "Peter"}], "count": 2}');
    expect(path(root, 'persons.1.name')).toBe('Peter');
    expect(path(root, 'persons.0.name')).toBe('John');
    expect(path(root, 'count')).toBe('2');
    // a path that leads nowhere: the null String (no value), not ''
    expect(path(root, 'missing')).toBe(NULL_STRING);
    expect(path(root, 'persons.5.name')).toBe(NULL_STRING);
    expect(path(root, 'persons.1.name.deeper')).toBe(NULL_STRING);
    expect(path(root, 'root.count')).toBe('2');
  });

  it('reads what JSONBuilder writes, escapes included', () => {
    const J = JSONBuilderClass.methods!;
    const jb = JSONBuilderClass.defaultValue!();
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'name', 'Quote " inside \\ \n');
    J['addInteger(String,Integer)'](jb, 'age', 40);
    J['addBoolean(String,Bool)'](jb, 'active', true);
    J['pushArray(String)'](jb, 'tags');
    J['addString(String,String)'](jb, '', 'a');
    J['addString(String,String)'](jb, '', 'b');
    J['popLevel()'](jb);
    J['popLevel()'](jb);
    const back = parseJSON(J['getString()'](jb));
    expect(path(back, 'name')).toBe('Quote " inside \\ \n');
    expect(path(back, 'age')).toBe('40');
    expect(path(back, 'active')).toBe('true');
    expect(path(back, 'tags.1')).toBe('b');
  });

  it('decodes \\u escapes and surrogate pairs', () => {
    const r = parseJSON('{"s": "\\u00e6\\ud83d\\ude00\\/"}');
    expect(path(r, 's')).toBe('æ😀/');
  });

  it('top-level arrays and scalars', () => {
    const a = parseJSON(' [1, "x"] ');
    expect(X['getParameter(String)'](a, 'type')).toBe('array');
    expect(path(a, '1')).toBe('x');
    const s = parseJSON('"hi"');
    expect(X['getText()'](s)).toBe('hi');
    expect(X['getParameter(String)'](s, 'type')).toBe('string');
  });

  it('parseJSON keeps the documented empty-array bug, parseJSON2 does not', () => {
    expect(X['getChildren()'](X['getNodeFromPath(String)'](parseJSON('{"a": []}'), 'a'))).toHaveLength(1);
    expect(X['getChildren()'](X['getNodeFromPath(String)'](parseJSON2('{"a": []}'), 'a'))).toHaveLength(0);
    expect(path(parseJSON2('{"a": [true]}'), 'a.0')).toBe('true');
  });

  it('malformed JSON raises a CrmError naming the place', () => {
    expect(() => parseJSON('{"a": 1,}')).toThrow(CrmError);
    expect(() => parseJSON('{"a" 1}')).toThrow(/line 1, column 6/);
    expect(() => parseJSON('{"a": 1} x')).toThrow(/after the JSON value/);
    expect(() => parseJSON('')).toThrow(/empty/);
    expect(() => parseJSON('{"a": "unterminated')).toThrow(/not closed/);
    expect(() => parseJSON2('[01]')).toThrow(CrmError);
    expect(() => parseJSON('{\n  "a": tru\n}')).toThrow(/line 2, column 8/);
  });
});

describe('XMLNode', () => {
  it('builds a tree; name, text, parameters', () => {
    const x = node('root');
    X['setName(String)'](x, 'Root');
    X['setParameter(String,String)'](x, 'type', 'object');
    X['setParameter(String,String)'](x, 'id', '1');
    X['setParameter(String,String)'](x, 'type', 'array');
    X['setText(String)'](x, 'hello');
    expect(X['getName()'](x)).toBe('Root');
    expect(X['getParameter(String)'](x, 'type')).toBe('array');
    expect(X['getParameter(String)'](x, 'nope')).toBe('');
    expect(X['getText()'](x)).toBe('hello');
    const d = XMLNodeClass.defaultValue!();
    expect(X['getName()'](d)).toBe('');
    expect(X['getChildren()'](d)).toEqual([]);
  });

  it('addChild, getChildren (a copy of the list), setChildren', () => {
    const x = node('root');
    const a = node('a');
    const b = node('b');
    X['addChild(XMLNode)'](x, a);
    X['addChild(XMLNode)'](x, b);
    const kids = X['getChildren()'](x);
    expect(kids).toEqual([a, b]);
    kids.pop();
    expect(X['getChildren()'](x)).toHaveLength(2);
    X['setChildren(XMLNode[])'](x, [b]);
    expect(X['getChildren()'](x)).toEqual([b]);
    // a node added to itself goes in as a copy, so there is no cycle
    X['addChild(XMLNode)'](x, x);
    expect(X['toString(Integer)'](x, 0)).toBe('<root>\n  <b/>\n  <root>\n    <b/>\n  </root>\n</root>\n');
    expect(() => X['addChild(XMLNode)'](x, null)).toThrow(CrmError);
  });

  it('the copy constructor makes a deep copy', () => {
    const x = parseXML('<a k="v"><b>t</b></a>');
    const c: CrmXMLNode = XMLNodeClass.ctors!['(XMLNode)'](x);
    X['setText(String)'](X['getChildren()'](c)[0], 'changed');
    X['setParameter(String,String)'](c, 'k', 'w');
    expect(path(x, 'b')).toBe('t');
    expect(X['getParameter(String)'](x, 'k')).toBe('v');
    expect(path(c, 'b')).toBe('changed');
  });

  it('XMLNode(String) names the node, or parses markup', () => {
    expect(X['getName()'](node('menu'))).toBe('menu');
    const parsed = node('  <r><x>1</x></r>');
    expect(X['getName()'](parsed)).toBe('r');
    expect(path(parsed, 'x')).toBe('1');
  });

  it('toString writes indented XML with escapes', () => {
    const root = parseJSON('{"menu": {"liste": ["1", true], "id": "a<b&c", "tom": null, "e": {}}}');
    expect(X['toString(Integer)'](root, 0)).toBe(
      [
        '<root type="object">',
        '  <menu type="object">',
        '    <liste type="array">',
        '      <item type="string">1</item>',
        '      <item type="bool">true</item>',
        '    </liste>',
        '    <id type="string">a&lt;b&amp;c</id>',
        '    <tom type="null">null</tom>',
        '    <e type="object"/>',
        '  </menu>',
        '</root>',
        '',
      ].join('\n'),
    );
    const small = node('a');
    X['setParameter(String,String)'](small, 'q', 'say "hi"');
    X['setText(String)'](small, 'x');
    expect(X['toString(Integer)'](small, 4)).toBe('    <a q="say &quot;hi&quot;">x</a>\n');
  });

  it('toJSON writes JSON from the type parameters', () => {
    const xml = node('root');
    X['setParameter(String,String)'](xml, 'type', 'object');
    const m = node('menu');
    X['setParameter(String,String)'](m, 'type', 'string');
    X['setText(String)'](m, 'truls');
    X['addChild(XMLNode)'](xml, m);
    const f = node('foo');
    X['setParameter(String,String)'](f, 'type', 'number');
    X['setText(String)'](f, '1.23456');
    X['addChild(XMLNode)'](xml, f);
    expect(X['toJSON(Integer)'](xml, 0)).toBe('{\n  "menu": "truls",\n  "foo": 1.23456\n}');
    expect(X['toJSON(Integer)'](xml, 2)).toBe('  {\n    "menu": "truls",\n    "foo": 1.23456\n  }');
  });

  it('toJSON round-trips parseJSON2', () => {
    const src = {
      menu: { liste: ['1', '2', true, 123, 1.23], id: 'file', tom: null, pop: { items: [{ v: 'New' }, { v: 'Open "x"' }] }, e: [], o: {} },
    };
    const out = X['toJSON(Integer)'](parseJSON2(JSON.stringify(src)), 0);
    expect(JSON.parse(out)).toEqual(src);
  });

  it('toJSON without type parameters: children make an object, else a string', () => {
    const x = parseXML('<r><a>1</a><b><c>yes</c></b></r>');
    expect(JSON.parse(X['toJSON(Integer)'](x, 0))).toEqual({ a: '1', b: { c: 'yes' } });
  });
});

describe('parseXML', () => {
  it('parses elements, attributes, text, CDATA, entities; skips comments and PIs', () => {
    const x = parseXML(
      '\ufeff<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY x "y"> ]>\n<!-- c -->\n<r a="1" b=\'two &amp; &#65;&#x42;\'>\n' +
        '  <who>World</who>\n  <!-- inner -->\n  <?pi stuff?>\n  <e/>\n  <t>a &lt; b &gt; c &quot;&apos;</t>\n  <d><![CDATA[<raw> & stuff]]></d>\n' +
        '  <n:s xmlns:n="u">ns</n:s>\n</r>\n<!-- after -->\n',
    );
    expect(X['getName()'](x)).toBe('r');
    expect(X['getParameter(String)'](x, 'a')).toBe('1');
    expect(X['getParameter(String)'](x, 'b')).toBe('two & AB');
    expect(X['getChildren()'](x).map((c: CrmXMLNode) => c.name)).toEqual(['who', 'e', 't', 'd', 'n:s']);
    expect(path(x, 'who')).toBe('World');
    expect(path(x, 'e')).toBe('');
    expect(path(x, 't')).toBe('a < b > c "\'');
    expect(path(x, 'd')).toBe('<raw> & stuff');
    expect(path(x, 'n:s')).toBe('ns');
    expect(X['getText()'](x)).toBe('');
  });

  it('keeps the text of leaf elements as written, trims it around child elements', () => {
    expect(X['getText()'](parseXML('<a>  padded </a>'))).toBe('  padded ');
    expect(X['getText()'](parseXML('<a>\n  hello\n  <b/>\n</a>'))).toBe('hello');
  });

  it('getValueFromPath on XML, with the root name optional', () => {
    const x = parseXML('<root><list><i>a</i><i>b</i></list></root>');
    expect(path(x, 'list.1')).toBe('b');
    expect(path(x, 'list.i')).toBe('a');
    expect(path(x, 'root.list.0')).toBe('a');
    expect(path(x, 'nothing')).toBe(NULL_STRING);
    expect(X['getName()'](X['getNodeFromPath(String)'](x, 'list'))).toBe('list');
    expect(X['getName()'](X['getNodeFromPath(String)'](x, 'nope'))).toBe('');
  });

  it('round-trips through toString', () => {
    const src = '<a x="1&quot;"><b>t &amp; u</b><c/></a>';
    const x = parseXML(src);
    const again = parseXML(X['toString(Integer)'](x, 0));
    expect(X['toString(Integer)'](again, 0)).toBe(X['toString(Integer)'](x, 0));
    expect(X['getParameter(String)'](again, 'x')).toBe('1"');
  });

  it('malformed XML raises a CrmError with the place', () => {
    expect(() => parseXML('<a><b></a>')).toThrow(/<\/a> does not match <b>/);
    expect(() => parseXML('<a>')).toThrow(/not closed/);
    expect(() => parseXML('')).toThrow(/no element/);
    expect(() => parseXML('just text')).toThrow(CrmError);
    expect(() => parseXML('<a></a><b/>')).toThrow(/after the root element/);
    expect(() => parseXML('<a x=1/>')).toThrow(/must be quoted/);
    expect(() => parseXML('<a>&nbsp;</a>')).toThrow(/unknown entity &nbsp;/);
    expect(() => parseXML('<a><!-- open</a>')).toThrow(/comment is not closed/);
    expect(() => parseXML('<a>\n<b></c></a>')).toThrow(/line 2, column 4/);
  });
});

describe('nesting (hostile text and deep trees)', () => {
  const deepJson = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const deepXml = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);

  it('reads 1,000 levels of JSON and XML, and says so past that instead of overflowing the stack', () => {
    expect(X['toJSON(Integer)'](parseJSON(deepJson(999)), 0)).toBe(X['toJSON(Integer)'](parseJSON(deepJson(999)), 0));
    expect(X['getValueFromPath(String)'](parseJSON(deepJson(999)), Array(999).fill('a').join('.'))).toBe('1');
    expect(X['getName()'](parseXML(deepXml(1000)))).toBe('a');
    expect(() => parseJSON(deepJson(100_000))).toThrow(new CrmError('parseJSON: invalid JSON at line 1, column 5001: arrays and objects nest more than 1000 deep.'));
    expect(() => parseJSON2('['.repeat(100_000))).toThrow(/arrays and objects nest more than 1000 deep/);
    expect(() => parseXML(deepXml(100_000))).toThrow(new CrmError('parseXML: invalid XML at line 1, column 3004: elements nest more than 1000 deep.'));
  });

  it('writes a tree of any depth as XML and as JSON', () => {
    const root = node('r');
    let cur = root;
    for (let i = 0; i < 3_000; i++) {
      const c = node('c');
      X['addChild(XMLNode)'](cur, c);
      cur = c;
    }
    X['setText(String)'](cur, 'leaf');
    const xml: string = X['toString(Integer)'](root, 0);
    expect(xml.startsWith('<r>\n  <c>\n    <c>\n')).toBe(true);
    expect(xml.split('\n').length).toBe(2 * 3_000 + 2);
    expect(xml).toContain(`${' '.repeat(2 * 3_000)}<c>leaf</c>\n`);
    const json: string = X['toJSON(Integer)'](root, 0);
    expect(json.startsWith('{\n  "c": {\n    "c": {\n')).toBe(true);
    expect(json).toContain(`${' '.repeat(2 * 3_000)}"c": "leaf"\n`);
  });

  it('writes the same XML and JSON as before for ordinary trees', () => {
    const x = parseJSON2('{"a": [1, {"b": null}, []], "c": {}, "d": "t\\"x"}');
    expect(X['toJSON(Integer)'](x, 2)).toBe('  {\n    "a": [\n      1,\n      {\n        "b": null\n      },\n      []\n    ],\n    "c": {},\n    "d": "t\\"x"\n  }');
    expect(X['toString(Integer)'](parseXML('<a k="v"><b>t</b><c/></a>'), 1)).toBe(' <a k="v">\n   <b>t</b>\n   <c/>\n </a>\n');
  });
});
