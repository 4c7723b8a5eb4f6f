// The arrays' JSON methods (CRMScript 10.1.4): toJson(JSONBuilder), toJsonString(), and
// fromXMLNode(XMLNode) / fromJsonString(json), which append to what the array holds.
import { describe, expect, it } from 'vitest';
import { diagnose, outputOf } from '../../helpers.js';

describe('array toJsonString() and toJson()', () => {
  it('writes the elements as a JSON array', () => {
    expect(
      outputOf(`String[] s; s.pushBack("Alpha"); s.pushBack("Be\\"ta"); s.pushBack("Charlie");
printLine(s.toJsonString());
Integer[] i; i.pushBack(3); i.pushBack(-1);
printLine(i.toJsonString());
Bool[] b; b.pushBack(true); b.pushBack(false);
printLine(b.toJsonString());
Float[] f; f.pushBack(1.5);
printLine(f.toJsonString());
Integer[] none;
printLine(none.toJsonString());`),
    ).toBe('["Alpha","Be\\"ta","Charlie"]\n[3,-1]\n[true,false]\n[1.500000]\n[]\n');
  });

  it('writes structs as objects and nested arrays as arrays, and into a JSONBuilder', () => {
    expect(
      outputOf(`struct P { String name; Integer[] scores; };
P[] ps;
P a; a.name = "Ann"; a.scores.pushBack(1); a.scores.pushBack(2); ps.pushBack(a);
P b; b.name = "Bo"; ps.pushBack(b);
printLine(ps.toJsonString());
Integer[][] grid; Integer[] row; row.pushBack(1); row.pushBack(2); grid.pushBack(row);
printLine(grid.toJsonString());
JSONBuilder j3;
ps.toJson(j3);
printLine(j3.getString());`),
    // (JSONBuilder's own layout: a space after a member's colon, Floats with six decimals)
    ).toBe('[{"name": "Ann","scores": [1,2]},{"name": "Bo","scores": []}]\n[[1,2]]\n[{"name": "Ann","scores": [1,2]},{"name": "Bo","scores": []}]\n');
  });
});

describe('array fromJsonString() and fromXMLNode()', () => {
  it('appends the elements of a JSON array to those the array has', () => {
    expect(
      outputOf(`String[] s; s.pushBack("first");
s.fromJsonString('["Alpha", "Beta", "Charlie"]');
printLine(s.length().toString() + " " + s.toJsonString());
Integer[] n; n.fromJsonString("[1, 2.9, -3]");
printLine(n.buildString(","));
Bool[] b; b.fromJsonString("[true, false, 1]");
printLine(b.toJsonString());`),
    ).toBe('4 ["first","Alpha","Beta","Charlie"]\n1,2,-3\n[true,false,true]\n');
  });

  it('reads structs from objects, and takes an XMLNode parsed from JSON', () => {
    expect(
      outputOf(`struct P { String name; Integer age; };
P[] ps;
ps.fromJsonString('[{"name": "Ann", "age": 31}, {"name": "Bo"}]');
printLine(ps.length().toString() + " " + ps[0].name + " " + ps[0].age.toString() + " " + ps[1].name + " " + ps[1].age.toString());
XMLNode node = parseJSON('["x", "y"]');
String[] s;
s.fromXMLNode(node);
printLine(s.buildString("+"));`),
    ).toBe('2 Ann 31 Bo 0\nx+y\n');
  });

  it('fails on text that is not JSON, as a catchable error', () => {
    expect(outputOf(`String[] s; try { s.fromJsonString("[1,"); } catch { printLine("caught: " + s.length().toString()); }`)).toBe('caught: 0\n');
  });
});

describe('checking the arrays\' JSON methods', () => {
  it('refuses element types JSON has no form for, and wrong arguments', () => {
    expect(diagnose('Date[] d; printLine(d.toJsonString());')[0]).toMatch(/toJsonString\(\) on an array of Date: JSON has no form for Date/);
    expect(diagnose('Map[] m; m.fromJsonString("[]");')[0]).toMatch(/fromJsonString\(\) on an array of Map/);
    expect(diagnose('String[] s; s.fromJsonString(1);')[0]).toMatch(/fromJsonString\(\) expects String here, not Integer/);
    expect(diagnose('String[] s; s.toJson();')[0]).toMatch(/toJson\(\) on an array takes 1 argument/);
  });
});
