// Writing an XMLNode as XML text (XMLNode.toString / toXML).
import type { CrmXMLNode } from './xml-node.js';

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
    out.push(node.text.length === 0 ? `${p}${open}/>\n` : `${p}${open}>${escText(node.text)}</${node.name}>\n`);
    return;
  }
  out.push(`${p}${open}>\n`);
  if (node.text.length > 0) out.push(`${p}  ${escText(node.text)}\n`);
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
