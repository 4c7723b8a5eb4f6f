// XMLNode <-> JSON the way the product maps them: parseJSON names the top node "root"; every node
// carries a "type" parameter (object, array, string, number, bool, null); object members become
// children named by their key; array elements become children named "item"; scalars are the
// node's text (numbers keep their source spelling, null is the text "null"). XMLNode.toJSON
// writes the same shape back.
import { jsonQuote } from './jsonbuilder.js';
import { parseJsonText, type JsonValue } from './json-parse.js';
import { CrmXMLNode } from './xml-node.js';

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

/** A node that is no object or array with members, as JSON. */
function scalarJson(node: CrmXMLNode, type: string): string {
  switch (type) {
    case 'object':
      return '{}';
    case 'array':
      return '[]';
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

/** The node as JSON, members on lines of their own; with a stack of its own, so that any depth writes. */
function renderJson(root: CrmXMLNode, pad0: number): string {
  const out: string[] = [];
  // an entry is a node to write after its prefix (separator, indentation, member name), or the
  // closing bracket of an object or array whose members are written
  const todo: (readonly [CrmXMLNode, number, string] | string)[] = [[root, pad0, '']];
  while (todo.length) {
    const next = todo.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const [node, pad, prefix] = next;
    out.push(prefix);
    const type = jsonType(node);
    if ((type !== 'object' && type !== 'array') || node.children.length === 0) {
      out.push(scalarJson(node, type));
      continue;
    }
    const inner = ' '.repeat(pad + 2);
    out.push(type === 'object' ? '{\n' : '[\n');
    todo.push(`\n${' '.repeat(pad)}${type === 'object' ? '}' : ']'}`);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const c = node.children[i];
      todo.push([c, pad + 2, `${i > 0 ? ',\n' : ''}${inner}${type === 'object' ? `${jsonQuote(c.name)}: ` : ''}`]);
    }
  }
  return out.join('');
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
