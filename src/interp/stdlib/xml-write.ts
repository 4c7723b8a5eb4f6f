// Writing an XMLNode as XML text (XMLNode.toString / toXML).
import type { CrmXMLNode } from './xml-node.js';

function escText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const openTag = (node: CrmXMLNode): string => {
  let open = '<' + node.name;
  for (const [k, v] of node.params) open += ` ${k}="${escAttr(v)}"`;
  return open;
};

/** Writes `root` and its descendants; with a stack of its own, so that any depth of nesting writes. */
function writeXml(root: CrmXMLNode, pad: number, out: string[]): void {
  // an entry is a node still to write, or the closing tag of an element whose children are written
  const todo: (readonly [CrmXMLNode, number] | string)[] = [[root, pad]];
  while (todo.length) {
    const next = todo.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const [node, at] = next;
    const p = ' '.repeat(at);
    const open = openTag(node);
    if (node.children.length === 0) {
      out.push(node.text.length === 0 ? `${p}${open}/>\n` : `${p}${open}>${escText(node.text)}</${node.name}>\n`);
      continue;
    }
    out.push(`${p}${open}>\n`);
    if (node.text.length > 0) out.push(`${p}  ${escText(node.text)}\n`);
    todo.push(`${p}</${node.name}>\n`);
    for (let i = node.children.length - 1; i >= 0; i--) todo.push([node.children[i], at + 2]);
  }
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
