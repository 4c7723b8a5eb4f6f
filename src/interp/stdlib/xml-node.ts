// The XMLNode value: a small DOM (name, text, parameters = attributes, children).
import { CrmError } from '../runtime/values.js';
import { charge } from '../runtime/memory.js';

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
    if (path.length === 0) return this;
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

export function asNode(v: unknown, what: string): CrmXMLNode {
  if (!(v instanceof CrmXMLNode)) throw new CrmError(`${what} needs an XMLNode, but got none.`);
  return v;
}
