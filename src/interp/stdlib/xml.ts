// The XMLNode class and the global parsers parseXML, parseJSON and parseJSON2. The node is
// xml-node.ts; parsing and writing XML are xml-parse.ts and xml-write.ts; the JSON mapping is
// xml-json.ts (on top of json-parse.ts).
import type { NativeClass, NativeGlobals } from './registry.js';
import { CrmXMLNode, asNode } from './xml-node.js';
import { xmlToString } from './xml-write.js';
import { parseJsonToNode, xmlToJson } from './xml-json.js';
import { parseXmlText } from './xml-parse.js';
import { charge } from '../runtime/memory.js';
import { orNullString } from '../runtime/values.js';

export { CrmXMLNode } from './xml-node.js';

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
    // A path that leads nowhere gives the null String ("no value", isNull() is true).
    'getValueFromPath(String)': (self: CrmXMLNode, path: string) => orNullString(self.findPath(path)?.text),
    'getNodeFromPath(String)': (self: CrmXMLNode, path: string) => self.findPath(path) ?? new CrmXMLNode(),
  },
  extraSignatures: ['XMLNode getNodeFromPath(String path)'],
};

export const xmlGlobals: NativeGlobals = {
  'parseJSON(String)': (text: string) => parseJsonToNode(text, 'parseJSON', true),
  'parseJSON2(String)': (text: string) => parseJsonToNode(text, 'parseJSON2', false),
  'parseXML(String)': (text: string) => parseXmlText(text),
};
