// Checking expressions: literals, names, operators, assignments, indexes and member access.
import type * as A from '../../grammar/ast.js';
import { UNKNOWN, isArray, elemOf, isNumeric, isIntegral, fit } from '../type-rules.js';
import { CheckerBase } from './base.js';
import { didYouMeanClose } from '../util/did-you-mean.js';

/** The binary operators of a left-deep chain, outermost first: `a + b + c` gives [(… + c), (a + b)]. */
export function leftSpine(e: A.BinaryExpr): A.BinaryExpr[] {
  const spine = [e];
  for (let l = e.left; l.kind === 'Binary'; l = l.left) spine.push(l);
  return spine;
}

/** A Long and a Float together: there is no common type that holds both exactly. */
function mixesLongAndFloat(l: string, r: string): boolean {
  return (l === 'Long' && r === 'Float') || (l === 'Float' && r === 'Long');
}

/** How deeply expressions may nest (see expr). */
export const MAX_EXPR_DEPTH = 1000;

export abstract class ExprChecker extends CheckerBase {
  depth = 0;
  tooDeep = false;

  expr(e: A.Expr): string {
    // Expressions nest without brackets too (`1+1+…+1`, `-!-!x`); past MAX_EXPR_DEPTH the
    // checker reports it rather than recursing on (the compiler walks the same tree).
    if (++this.depth > MAX_EXPR_DEPTH) {
      this.depth--;
      if (!this.tooDeep) this.error(e.span, `nesting too deep (an expression more than ${MAX_EXPR_DEPTH} operators deep)`);
      this.tooDeep = true;
      this.ann.types.set(e, UNKNOWN);
      return UNKNOWN;
    }
    const t = this.exprInner(e);
    this.depth--;
    this.ann.types.set(e, t);
    return t;
  }

  exprInner(e: A.Expr): string {
    switch (e.kind) {
      case 'Integer':
        if (e.value > (this.negated === e ? 2147483648 : 2147483647)) this.error(e.span, `the number ${e.value} does not fit in an Integer (write ${e.value}L for a Long)`);
        return 'Integer';
      case 'Long':
        if (e.value > (this.negated === e ? 9223372036854775808n : 9223372036854775807n)) this.error(e.span, `the number ${e.value} does not fit in a Long (64 bits)`);
        return 'Long';
      case 'Float':
        return 'Float';
      case 'String':
        return 'String';
      case 'Bool':
        return 'Bool';
      case 'This':
        if (!this.struct) {
          this.error(e.span, "'this' is only available inside a struct method");
          return UNKNOWN;
        }
        return this.struct.name;
      case 'Identifier': {
        const sym = this.lookupVar(e.name);
        if (!sym) {
          this.error(e.span, `'${e.name}' is not declared${didYouMeanClose(e.name, this.scope.names().filter((n) => this.lookupVar(n)))}`);
          return UNKNOWN;
        }
        this.ann.syms.set(e, sym);
        return sym.type;
      }
      case 'Unary': {
        if (e.op === '-') this.negated = e.operand;
        const t = this.expr(e.operand);
        if (e.op === '!') {
          if (t !== 'Bool' && t !== UNKNOWN) this.error(e.span, `'!' needs a Bool, not ${t}`);
          return 'Bool';
        }
        if (!isNumeric(t) && t !== UNKNOWN) this.error(e.span, `'${e.op}' needs a number, not ${t}`);
        return t === 'Byte' ? 'Integer' : t;
      }
      case 'Update': {
        const t = this.lvalue(e.target);
        if (!isIntegral(t) && t !== 'Float' && t !== 'Long' && t !== UNKNOWN) this.error(e.span, `'${e.op}' needs an Integer, Long or Float variable, not ${t}`);
        return t;
      }
      case 'Binary':
        return this.binary(e);
      case 'Assign': {
        const t = this.lvalue(e.target);
        const v = this.expr(e.value);
        if (e.op === '=') this.ann.boxValues.set(e, this.assignable(v, t, e.value.span, 'a variable'));
        else {
          const op = e.op[0] as A.BinaryOp;
          const r = this.binaryType(op, t, v, e.span);
          if (r !== UNKNOWN && fit(r, t) < 0) this.error(e.span, `'${e.op}' gives ${r}, which cannot be stored in ${t}`);
        }
        return t;
      }
      case 'Index': {
        const t = this.expr(e.object);
        const i = this.expr(e.index);
        if (t === 'Map') {
          // m["key"] reads and writes the value under a key, as SuperOffice's own examples do
          if (i !== 'String' && i !== UNKNOWN) this.error(e.index.span, `a Map key must be a String, not ${i}`);
          this.ann.mapIndex.add(e);
          return 'String';
        }
        if (!isIntegral(i) && i !== UNKNOWN) this.error(e.index.span, `an array index must be an Integer, not ${i}`);
        if (t === UNKNOWN) return UNKNOWN;
        if (!isArray(t)) {
          this.error(e.span, `${t} is not an array and cannot be indexed`);
          return UNKNOWN;
        }
        return elemOf(t);
      }
      case 'Member':
        return this.member(e);
      case 'Call':
        return this.call(e);
    }
  }

  lvalue(e: A.Expr): string {
    if (e.kind !== 'Identifier' && e.kind !== 'Member' && e.kind !== 'Index') {
      this.error(e.span, 'only a variable, a field or an array element can be assigned to');
      this.expr(e);
      return UNKNOWN;
    }
    const t = this.expr(e);
    if (e.kind === 'Member' && !this.ann.fields.get(e) && t !== UNKNOWN) this.error(e.span, `'${e.property}' cannot be assigned to`);
    return t;
  }

  binaryType(op: A.BinaryOp, l: string, r: string, span: A.Span): string {
    if (l === UNKNOWN || r === UNKNOWN) return op === '&&' || op === '||' || ['==', '!=', '<', '>', '<=', '>='].includes(op) ? 'Bool' : UNKNOWN;
    switch (op) {
      case '&&':
      case '||':
        if (l !== 'Bool' || r !== 'Bool') this.error(span, `'${op}' needs Bool on both sides, not ${l} and ${r}`);
        return 'Bool';
      case '==':
      case '!=':
        if ((!(isNumeric(l) && isNumeric(r)) && l !== r) || mixesLongAndFloat(l, r)) this.error(span, `cannot compare ${l} with ${r}`);
        return 'Bool';
      case '<':
      case '>':
      case '<=':
      case '>=':
        if (mixesLongAndFloat(l, r)) this.error(span, `cannot order ${l} and ${r} with '${op}'`);
        if (isNumeric(l) && isNumeric(r)) return 'Bool';
        if (l !== r || !this.ordered(l)) this.error(span, `cannot order ${l} and ${r} with '${op}'`);
        return 'Bool';
      case '+':
        if (l === 'String' && r === 'String') return 'String';
        if (l === 'String' || r === 'String') {
          this.error(span, `cannot add ${l} and ${r} (convert with .toString() first)`);
          // no type, so that what the sum goes into does not report the same mistake again
          return UNKNOWN;
        }
        return this.arithmetic(op, l, r, span);
      case '-':
      case '*':
      case '/':
      case '%':
        return this.arithmetic(op, l, r, span);
    }
  }

  arithmetic(op: A.BinaryOp, l: string, r: string, span: A.Span): string {
    if (!isNumeric(l) || !isNumeric(r)) {
      this.error(span, `'${op}' needs numbers, not ${l} and ${r}`);
      return UNKNOWN;
    }
    if (l === 'Long' || r === 'Long') {
      if (l === 'Float' || r === 'Float') this.error(span, `'${op}' cannot mix Long and Float`);
      return 'Long';
    }
    return l === 'Float' || r === 'Float' ? 'Float' : 'Integer';
  }

  ordered(t: string): boolean {
    return t === 'String' || t === 'Bool' || !!this.cat.get(t)?.native?.compare;
  }

  binary(e: A.BinaryExpr): string {
    // A left-deep chain (`a + b + c + …`, however long) is checked as a list, not by recursion.
    const spine = leftSpine(e);
    let t = this.expr(spine[spine.length - 1]!.left);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i]!;
      t = this.binaryType(node.op, t, this.expr(node.right), node.span);
      if (i > 0) this.ann.types.set(node, t);
    }
    return t;
  }

  member(e: A.MemberExpr): string {
    // Enum constants: ActivityStatus.Started
    if (e.object.kind === 'Identifier' && !this.lookupVar(e.object.name)) {
      const cls = this.cat.get(e.object.name);
      if (cls && cls.kind === 'Enum') {
        const v = cls.enumValues.get(e.property);
        if (v === undefined) {
          this.error(e.propertySpan, `${cls.name} has no value '${e.property}'`);
          return UNKNOWN;
        }
        this.ann.enumValues.set(e, v);
        this.ann.types.set(e.object, 'Integer');
        return 'Integer';
      }
    }
    const t = this.expr(e.object);
    if (t === UNKNOWN) return UNKNOWN;
    const st = this.structs.get(t);
    if (st) {
      const f = st.fields.get(e.property);
      if (f) {
        this.ann.fields.set(e, { js: f.js });
        return f.type;
      }
      this.error(e.propertySpan, `struct ${t} has no field '${e.property}'`);
      return UNKNOWN;
    }
    this.error(e.propertySpan, `${t} has no field '${e.property}' (did you mean to call a method: ${e.property}()?)`);
    return UNKNOWN;
  }

  abstract call(e: A.CallExpr): string;
}
