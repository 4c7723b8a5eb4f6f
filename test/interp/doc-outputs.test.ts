// What the reference pages say a script prints (datatypes/*.md, fundamentals/*.md and the API
// pages CRMScript.Global.*.yml): each case runs CRMScript and compares its output with the
// documented result. doc-examples.test.ts only checks that the examples run.
import { describe, expect, it } from 'vitest';
import { outputOf } from '../helpers.js';

/** Runs `source` and checks that it prints exactly `expected`. */
function prints(source: string, expected: string): void {
  expect(outputOf(source)).toBe(expected);
}

describe('string literals (datatypes/string-type.md, Special characters / Whitespace)', () => {
  it('\\b is the backspace character, like \\n and \\t are newline and tab', () => {
    prints('print("a\\bb\\tc\\nd");', 'a\bb\tc\nd');
    prints('printLine("x\\b".getLength().toString());', '2\n');
  });
});

describe('Float (datatypes/float-type.md, CRMScript.Global.Float.yml)', () => {
  it('toString(decimals) for 0 to 5 decimals of 3.14159, and the constructors example', () => {
    prints('Float pi = 3.14159;\nfor (Integer i = 0; i < 6; i++) printLine(pi.toString(i));', '3\n3.1\n3.14\n3.142\n3.1416\n3.14159\n');
    prints('printLine(Float(10).toString(1) + ", " + Float(25).toString(2));', '10.0, 25.00\n');
    prints('printLine(Float("1.618").toString(1) + ", " + Float("1.4142").toString(2));', '1.6, 1.41\n');
  });
  it('toString rounds the stored value as printf does: an exact halfway value goes to the even digit', () => {
    const src = 'Float[] fs; fs.pushBack(2.5); fs.pushBack(3.5); fs.pushBack(0.125); fs.pushBack(2.675); fs.pushBack(-0.5);\n' +
      'printLine(fs[0].toString(0) + " " + fs[1].toString(0) + " " + fs[2].toString(2) + " " + fs[3].toString(2) + " " + fs[4].toString(0));';
    prints(src, '2 4 0.12 2.67 -0\n');
  });
  it('isNull is true only for a Float without a value: a negated zero and "-0" read from text are values', () => {
    prints('Float n; Float z = 0.0; Float a = -z; Float e = Float("-0"); Float f = "-0.0".toFloat();\n' +
      'printLine(n.isNull().toString() + " " + z.isNull().toString() + a.isNull().toString() + e.isNull().toString() + f.isNull().toString() + " " + a.toString(1));', 'true falsefalsefalsefalse 0.0\n');
  });
  it('round() rounds half up, unlike toString(0); floor() rounds down; abs() drops the sign', () => {
    prints('Float f = 13.79; Float h = 2.5; Float g = 13.456; Float n = -7.14;\n' +
      'printLine(f.round().toString() + " " + h.round().toString() + " " + g.floor().toString() + " " + n.abs().toString(2));', '14 3 13 7.14\n');
  });
});

describe('arithmetic operators (fundamentals/operators.md, float-type.md Math operators)', () => {
  it('precedence: x is 11 and y is 21', () => {
    prints('Integer x = 5 + 2 * 3;\nInteger y = ( 5 + 2 ) * 3;\nprintLine(x.toString() + " " + y.toString());', '11 21\n');
  });
  it('% works on Floats too (the Float page lists it): the remainder keeps the fraction and the sign of the left side', () => {
    prints('Float a = 10.5; Float b = -7.5; Float c = 10.5; c %= 4;\n' +
      'printLine((a % 3).toString(2) + " " + (b % 2).toString(2) + " " + (7 % 2.5).toString(1) + " " + c.toString(2));', '1.50 -1.50 2.0 2.50\n');
  });
});

describe('DateTime (CRMScript.Global.DateTime.yml moveTo…: "Returns a reference to itself")', () => {
  it('each move changes the DateTime to the start or end of its day, hour, week, month, quarter or year', () => {
    const moves = ['DayStart', 'DayEnd', 'HourStart', 'HourEnd', 'WeekStart', 'WeekEnd', 'MonthStart', 'MonthEnd', 'QuarterStart', 'QuarterEnd', 'YearStart', 'YearEnd'];
    const src = moves.map((m) => `DateTime d${m} = DateTime(2024, 2, 17, 13, 45, 30); d${m}.moveTo${m}(); printLine(d${m}.toString());`).join('\n');
    expect(outputOf(src).split('\n')).toEqual([
      '2024-02-17 00:00:00', '2024-02-17 23:59:59', '2024-02-17 13:00:00', '2024-02-17 13:59:59',
      '2024-02-12 00:00:00', '2024-02-18 23:59:59', '2024-02-01 00:00:00', '2024-02-29 23:59:59',
      '2024-01-01 00:00:00', '2024-03-31 23:59:59', '2024-01-01 00:00:00', '2024-12-31 23:59:59', '',
    ]);
  });
  it('a method called on what a move returns changes the same DateTime (variable, field or element)', () => {
    const src = `struct S { DateTime d; };
S s; s.d = DateTime(2023, 5, 17, 13, 45, 30);
DateTime[] a; a.pushBack(s.d);
DateTime x = s.d;
x.moveToDayStart().addHour(8);
s.d.moveToMonthStart().moveToQuarterEnd();
a[0].moveToYearStart().addMin(90);
printLine(x.toString() + " | " + s.d.toString() + " | " + a[0].toString());
DateTime y = DateTime(2023, 5, 17, 13, 45, 30);
DateTime z = y.moveToDayStart().addDay(1);
printLine(y.toString() + " | " + z.toString());`;
    prints(src, '2023-05-17 08:00:00 | 2023-06-30 23:59:59 | 2023-01-01 01:30:00\n2023-05-18 00:00:00 | 2023-05-18 00:00:00\n');
  });
  it('addDay changes the receiver and returns a copy: a call on the copy leaves the receiver (Date.addDay remarks)', () => {
    prints('Date d = Date("2023-01-01"); Date e = d.addDay(5).addDay(1); printLine(d.toString() + " " + e.toString());', '2023-01-06 2023-01-07\n');
  });
});

describe('Generic (datatypes/generic-type.md)', () => {
  it('type names, dimensions, struct members and values as the page shows them', () => {
    const src = `struct Person { String name; Integer age; };
Person p; p.age = 42;
Integer age = 42;
Integer[][] i;
printLine(getTypeName(getCurrentDateTime()) + " " + getTypeName(p) + " " + getTypeDimensions(i).toString());
printLine(GenericToInteger(getGenericValue("age")).toString() + " " + convertGenericToString(getGenericValue(p, "age")));
if (typeIsStruct(p)) printLine("10-4");
foreach (String s in getStructMembers(getTypeName(p))) printLine(s);
Map m; printLine(convertGenericToString(age) + " " + convertGenericToString(m));`;
    prints(src, 'DateTime Person 2\n42 42\n10-4\nname\nage\n42 [complex]\n');
  });
  it('an unknown name, a name a struct lacks and a value that is no struct throw exceptions', () => {
    const src = `struct Person { String name; };
Person p; Integer n = 1;
try { getGenericValue("nope"); } catch { printLine(error); }
try { getGenericValue(p, "nope"); } catch { printLine(error); }
try { getGenericValue(n, "x"); } catch { printLine(error); }
try { Generic g = n; GenericToString(g); } catch { printLine(error); }`;
    prints(src,
      'getGenericValue: there is no variable named "nope".\n' +
        'getGenericValue: struct Person has no member "nope".\n' +
        'getGenericValue: the value is an Integer, not a struct.\n' +
        'GenericToString: the Generic holds an Integer, not a String.\n',
    );
  });
  it('setGenericFromString sets members of every basic type from their constructor formats', () => {
    const src = `struct B { Date d; DateTime dt; Time t; Bool b; Float f; Integer i; String s; };
B b;
foreach (String m in getStructMembers("B")) {
  Map v = Map("d=2023-01-05\\ndt=2023-01-05 10:11:12\\nt=10:11:12\\nb=true\\nf=1.25\\ni=7\\ns=text");
  setGenericFromString(getGenericValue(b, m), v.get(m));
}
printLine(b.d.toString() + "|" + b.dt.toString() + "|" + b.t.toString() + "|" + b.b.toString() + "|" + b.f.toString(2) + "|" + b.i.toString() + "|" + b.s);`;
    prints(src, '2023-01-05|2023-01-05 10:11:12|10:11:12|true|1.25|7|text\n');
  });
});

describe('String (datatypes/string-type.md, CRMScript.Global.String.yml)', () => {
  it('find, findLast, subString, until, after: the documented results', () => {
    const src = `String s = "SuperOffice";
printLine(s.find("O").toString() + " " + "TEAM".find("I").toString() + " " + s.findLast("e").toString() + " " + s.subString(5,6));
printLine("name := test".until(":=") + "|" + "name := value".after(":=") + "|" + "x".until(":=") + "|" + "x".after(":=") + "|");
printLine("https://docs.superoffice.com/admin/license/user-plans.html".beforeLast("/"));`;
    prints(src, '5 -1 10 Office\nname | value|x||\nhttps://docs.superoffice.com/admin/license\n');
  });
  it('comparisons: case rules, upper case letters before lower case ones, the shorter string first', () => {
    const src = `printLine("apple".equals("Apple").toString() + " " + "apple".equalsIgnoreCase("Apple").toString());
printLine("appletree".beginsWith("apple").toString() + " " + "hotdog".endsWith("dog").toString() + " " + "hotdog".endsWith("DOG").toString() + " " + "hotdog".caseEndsWith("DOG").toString());
printLine(("a".compare("B") > 0).toString() + " " + ("a".caseCompare("B") < 0).toString() + " " + ("ship".compare("shipping") < 0).toString() + " " + "x".compare("x").toString());`;
    prints(src, 'false true\ntrue true false true\ntrue true true 0\n');
  });
  it('case changes go character by character (ß has no one-letter upper case and stays)', () => {
    prints('String s = "SuperOffice Straße"; printLine(s.toUpper() + " " + s.toLower() + " " + s.toUpper().getLength().toString());', 'SUPEROFFICE STRAßE superoffice straße 18\n');
  });
  it('character classes: white space makes isAlpha false; null is also empty', () => {
    const src = `printLine("SuperOffice".isAlpha().toString() + " " + "SuperOffice AS".isAlpha().toString() + " " + "123".isDigit().toString() + " " + "a1".isAlphanumeric().toString() + " " + "a 1".isAlphanumeric().toString());
String s;
printLine(s.isNull().toString());
s = "";
printLine(s.isNull().toString() + " " + s.isEmpty().toString());`;
    prints(src, 'true false true true false\ntrue\nfalse true\n');
  });
  it('isNumber and toInteger read a leading number (the isNumber examples)', () => {
    const src = `foreach (String s in "123,123nok,nok123,12nok3".split(",")) printLine(s.isNumber().toString() + " " + s.toInteger().toString());`;
    prints(src, 'true 123\ntrue 123\nfalse 0\ntrue 12\n');
  });
  it('split drops the delimiter; substitute replaces every occurrence; getWord skips leading white space', () => {
    const src = `foreach (String p in "Change is the essential process of all existence.".split(" is ")) printLine(p);
printLine("Superoffice".substitute("o","O") + " " + String("  this is a test").getWord(1));`;
    prints(src, 'Change\nthe essential process of all existence.\nSuperOffice is\n');
  });
});

describe('Integer and Bool (integer-type.md, bool-type.md)', () => {
  it('sums, concatenation, abs, toHex, toBool, isNull as the page describes them', () => {
    const src = `Integer c1 = 100; Integer c2 = 100; String s1 = "100";
printLine((c1 + c2).toString() + " " + s1 + s1);
Integer i = -7; printLine(i.abs().toString());
String hex; for (Integer k = 0; k < 16; k++) hex += k.toHex(); printLine(hex + " " + Integer(0).toHex(255));
Integer t = 3; printLine(t.toBool().toString()); t = 0; printLine(t.toBool().toString());
Integer n; printLine(n.isNull().toString()); n = 0; printLine(n.isNull().toString());
Bool b = true; printLine(b.toInteger().toString() + " " + b.toString() + " " + Bool(false).toString());`;
    prints(src, '200 100100\n7\n0123456789abcdef ff\ntrue\nfalse\ntrue\nfalse\n1 true false\n');
  });
  it('Integer arithmetic is 32-bit C arithmetic: division truncates, % keeps the left sign, overflow wraps', () => {
    prints('Integer m = 2147483647; printLine((7 / 2).toString() + " " + (-7 / 2).toString() + " " + (-7 % 3).toString() + " " + (m + 1).toString());', '3 -3 -1 -2147483648\n');
  });
  it('dividing by zero throws an exception a catch block sees (try-catch.md)', () => {
    prints('try { Integer i = 123; Integer j = 0; Integer k = i/j; } catch { printLine("Exception caught: " + error); }', 'Exception caught: division by zero\n');
  });
});

describe('Byte (CRMScript.Global.Byte.yml)', () => {
  it('masks to 0-255; toHex is lower case, toHex(n) pads with zeros', () => {
    prints('printLine(Byte(10).toHex() + " " + Byte(11).toHex() + " " + Byte(10).toHex(2) + " " + Byte(300).toInteger().toString() + " " + Byte(0).toBool().toString());', 'a b 0a 44 false\n');
  });
});

describe('Map (datatypes/map-type.md, CRMScript.Native.Map.yml)', () => {
  it('keys are sorted, blanks around = are dropped, increaseValueForKey adds Integers and Floats', () => {
    const src = `Map m = Map("height = 25\\nwidth = 10\\ndepth = 7");
printLine(m.exists("height").toString() + " " + m.size().toString());
m.first(); while (!m.eof()) { printLine(m.getKey() + " = " + m.getVal()); m.next(); }
Map n = Map("height=25\\nwidth=10");
n.increaseValueForKey("height", -5); n.increaseValueForKey("width", 2.5);
printLine(n.toJson());
Map e; printLine(e.size().toString() + " " + e.eof().toString() + " " + e.first().toString());`;
    prints(src, 'true 3\ndepth = 7\nheight = 25\nwidth = 10\n{"height":"20","width":"12.500000"}\n0 true false\n');
  });
  it('fromJson reads the toJson form back', () => {
    prints('Map m; m.fromJson("{\\"depth\\":\\"7\\",\\"height\\":\\"20\\",\\"width\\":\\"12.500000\\"}"); printLine(m.get("width") + " " + m.toJson());', '12.500000 {"depth":"7","height":"20","width":"12.500000"}\n');
  });
});

describe('arrays, loops and structs (fundamentals/arrays.md, loops, structs.md)', () => {
  it('push, pop, insert, first/last and the out-of-range exception of an empty array', () => {
    const src = `String[] u; u.pushFront(); u.pushFront("Standard"); printLine(u.length().toString() + " [" + u[0] + "][" + u[1] + "]");
String[5] f; f.insert(1, "Marketing"); printLine(f.length().toString() + " " + f[1]);
String[] p; p.pushBack("a"); p.pushBack("b"); p.pushBack("c");
printLine(p.first() + p.last() + p.popFront() + p.popBack() + p.length().toString());
p.clear(); try { p.first(); } catch { printLine(error); }`;
    prints(src, '2 [Standard][]\n6 Marketing\nacac1\nfirst() on an empty array\n');
  });
  it('break stops at 5, continue skips 3', () => {
    prints('Integer i = 1; while(i < 10) { if(i == 5) { break; } print(i.toString()); i++; }\nprintLine("");\nfor(Integer k = 1; k < 10; k++) { if(k == 3) { continue; } print(k.toString()); }', '1234\n12456789');
  });
  it('foreach copies String elements but shares struct elements', () => {
    const src = `struct P { Integer age; };
String[] s; s.pushBack("a"); foreach (String x in s) x = "changed";
P[] ps; P p; p.age = 1; ps.pushBack(p); foreach (P q in ps) q.age = 10;
printLine(s[0] + " " + ps[0].age.toString());`;
    prints(src, 'a 10\n');
  });
  it('struct methods, chaining through returned this, fromXMLNode and toJson', () => {
    const src = `struct Car { String brand; String model; Integer modelYear;
  Car setBrand(String b) { this.brand = b; return this; }
  Void print() { print(this.brand + " " + this.model + ", " + this.modelYear.toString()); } };
Car c; c.setBrand("Volvo").model = "XC60"; c.modelYear = 2019; c.print(); printLine("");
struct Hello { String who; };
Hello h; h.fromXMLNode(parseXML("<root><who>World</who></root>")); printLine("Hello " + h.who);
JSONBuilder jb; h.toJson(jb); printLine(jb.getString());`;
    prints(src, 'Volvo XC60, 2019\nHello World\n{"who": "World"}\n');
  });
  it('a thrown text is caught as GeneralException: followed by the text', () => {
    prints('try { throw "This is my own error"; } catch { printLine(error); }', 'GeneralException: This is my own error\n');
  });
});

describe('Date, DateTime and Time (date-type.md, datetime-type.md, time-type.md)', () => {
  it('parsing, adding, and the parts of a date; Monday is week day 0', () => {
    const src = `Date q = Date("2020-01-01"); printLine(q.toString());
Date d = Date("2023-01-31"); d.addDay(3); printLine(d.toString());
Date m = Date("2023-01-31"); m.addMonth(1); printLine(m.toString());
Date l = Date("2024-02-29"); l.addYear(1); printLine(l.toString());
Date w = Date("2023-01-02"); printLine(w.getWeekDay().toString() + " " + w.getWeek().toString() + " " + w.getMDay().toString() + " " + w.getMonth().toString() + " " + w.getYear().toString());
printLine("[" + Date("0000-00-00").toString() + "] " + Date("").isNull().toString());`;
    prints(src, '2020-01-01\n2023-02-03\n2023-03-03\n2025-03-01\n0 1 2 1 2023\n[] true\n');
  });
  it('DateTime constructors and string forms, diff is negative when the argument is later', () => {
    const src = `printLine(DateTime(2020,06,22,11,0,0).toString() + " | " + DateTime("2020-06-22 11:00").toString() + " | " + DateTime("20200622110005").toString());
DateTime dt = DateTime(2020,5,29,13,37,42);
printLine(dt.toString("HH12:MI2 AMPM") + " | " + dt.toString("DD2.MM2.YY4 WEEKDAY ISOW1") + " | " + dt.toString(6,1,true) + " | " + dt.toString(7,0,true) + " | " + dt.toString(13,1,true));
String days = "søndag,mandag,tirsdag,onsdag,torsdag,fredag,lørdag";
printLine(dt.toString("WDAY uke ISOW1","",days));
DateTime a = DateTime(2020,1,1,10,0,0); DateTime b = DateTime(2020,1,1,10,0,0); b.addHour(1); printLine(a.diff(b).toString());
Time t; t.setHour(13); t.setMin(0); t.setSec(0); a.setTime(t); printLine(a.toString() + " " + a.getTime().toString());
printLine("[" + DateTime("").toString() + "] " + DateTime("0").isNull().toString());`;
    prints(src,
      '2020-06-22 11:00:00 | 2020-06-22 11:00:00 | 2020-06-22 11:00:05\n' +
        '01:37 pm | 29.05.2020 5 22 | May 29. 2020 13:37 | 29/05/2020 13:37 | 2020-05-29T13:37:42\n' +
        'fredag uke 22\n-3600\n2020-01-01 13:00:00 13:00:00\n[] true\n',
    );
  });
  it('Time parses HH:MM:SS and sets its parts', () => {
    prints('Time l = Time("12:00:00"); Time t = Time("08:00:00"); t.setHour(10); t.setMin(15); t.setSec(30); printLine(l.toString() + " " + t.toString() + " " + t.getMin().toString());', '12:00:00 10:15:30 15\n');
  });
});

describe('global functions (CRMScript.Global.Void.yml)', () => {
  it('encodeSHA1 and encodeSHA256 give the hashes of their examples', () => {
    const src = `printLine(encodeSHA1("Hello there!")); printLine(encodeSHA1("Hello world!"));
printLine(encodeSHA256("test", "Hello there!")); printLine(encodeSHA256("test", "Hello world!"));`;
    prints(src,
      '6b19cb3790b6da8f7c34b4d8895d78a56d078624\nd3486ae9136e7856bc42212385ea797094475802\n' +
        '39bf407008986fa79eac9cb0b3c8da3fb46acdd6f71721e38e6c4bbf1d14c222\n1700f488c1e47cf1a8e8337c0a51d176291a5b4a200fe9bab866765a86edc0a4\n',
    );
  });
  it('a failed assert or assertEquals throws an exception that names the line of the assert', () => {
    prints('try {\n  assert(1 == 2);\n} catch { printLine(error); }\ntry { assertEquals(3, 4); } catch { printLine(error); }', 'assert failed at line 2: the condition is false.\nassertEquals failed at line 4: 3 is not equal to 4.\n');
  });
  it('modulo, langToId of an unknown code, mapValue, rand within its bounds', () => {
    prints('printLine(modulo(7, 3).toString() + " " + langToId("xx").toString() + " " + mapValue("x").toJson() + " " + rand(4, 4).toString());', '1 0 {"value":"x"} 4\n');
  });
});
