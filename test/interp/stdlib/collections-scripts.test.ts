// Script-level checks of Map, Vector, XMLNode, JSONBuilder, StringMatrix, EventData and the struct
// JSON built-ins, through the real parser, checker and compiler.
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newEventState, newRunContext, type EventState } from '../../../src/interp/runtime/context.js';

function run(source: string, event?: EventState) {
  const r = compileScript({ source, file: 'test.crm' });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([]);
  let out = '';
  const ctx = newRunContext({ out: (t) => (out += t), ...(event ? { event } : {}) });
  const res = execute(r.compiled!, ctx);
  return { out, error: res.error?.message ?? null, ctx };
}

describe('collections from scripts', () => {
  it('Map: construction from text, iteration, JSON', () => {
    const { out, error } = run(
      [
        'Map m = Map("width=10\\nheight=25");',
        'printLine(m.getKey());',
        'm.increaseValueForKey("width", 2.5);',
        'm.insert("depth", "7").insert("area", "x");',
        'for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + "=" + m.getVal());',
        'printLine(m.toJson());',
        'Map copy;',
        'copy.fromJson(m.toJson());',
        'printLine(copy.size().toString() + " " + copy.get("width"));',
        'Map alias = copy;',
        'alias.clear();',
        'printLine(copy.size().toString());',
      ].join('\n'),
    );
    expect(error).toBeNull();
    expect(out).toBe(
      'height\narea=x\ndepth=7\nheight=25\nwidth=12.500000\n{"area":"x","depth":"7","height":"25","width":"12.500000"}\n4 12.500000\n0\n',
    );
  });

  it('Vector and StringMatrix', () => {
    const { out, error } = run(
      [
        'Integer[] nums;',
        'nums.pushBack(3);',
        'nums.pushBack(4);',
        'Vector v = Vector(nums);',
        'v.pushBack("x");',
        'printLine(v.buildString("|") + " " + v.size().toString());',
        'Integer[] back = v.toIntegerArray();',
        'printLine(back[0].toString() + " " + back[2].isNull().toString());',
        'Vector w;',
        'w.parseString("a,b,c", ",");',
        'w.removeAt(0);',
        'printLine(w.get(1));',
        'try { w.get(5); } catch { printLine("caught"); }',
        'StringMatrix sm;',
        'sm.addRow(); sm.addCell("r0c0"); sm.addCell("r0c1");',
        'sm.addRow(); sm.addCell("r1c0");',
        'sm.setCell(1, 0, "changed");',
        'printLine(sm.getNumRows().toString() + " " + sm.getNumColumns(0).toString() + " " + sm.getCell(1, 0));',
      ].join('\n'),
    );
    expect(error).toBeNull();
    expect(out).toBe('3|4|x 3\n3 true\nc\ncaught\n2 2 changed\n');
  });

  it('XMLNode: build, serialize, parse', () => {
    const { out, error } = run(
      [
        'XMLNode root = XMLNode("root");',
        'root.setParameter("type", "object");',
        'XMLNode a = XMLNode("menu");',
        'a.setParameter("type", "string");',
        'a.setText("truls");',
        'root.addChild(a);',
        'XMLNode[] kids = root.getChildren();',
        'printLine(kids.length().toString() + " " + kids[0].getName());',
        'print(root.toJSON(0));',
        'printLine("");',
        'print(root.toString(0));',
        'XMLNode doc = parseXML("<r><p n=\\"1\\">x &amp; y</p></r>");',
        'printLine(doc.getValueFromPath("p") + " " + doc.getChildren()[0].getParameter("n"));',
        'try { parseXML("<r>"); } catch { if (error.find("not closed") >= 0) printLine("bad xml"); }',
        'XMLNode j = parseJSON2("{\\"list\\": []}");',
        'printLine(j.getNodeFromPath("list").getChildren().length().toString());',
      ].join('\n'),
    );
    expect(error).toBeNull();
    expect(out).toBe(
      '1 menu\n{\n  "menu": "truls"\n}\n<root type="object">\n  <menu type="string">truls</menu>\n</root>\nx & y 1\nbad xml\n0\n',
    );
  });

  it('JSONBuilder with pretty printing', () => {
    const { out } = run(
      [
        'JSONBuilder jb;',
        'jb.setPrettyPrint(2);',
        'jb.pushObject("");',
        'jb.addString("a", "b");',
        'jb.pushArray("n");',
        'jb.addInteger("", 1);',
        'jb.finalize();',
        'printLine(jb.getString());',
      ].join('\n'),
    );
    expect(out).toBe('{\n  "a": "b",\n  "n": [\n    1\n  ]\n}\n');
  });

  it('struct toJson and fromXMLNode', () => {
    const { out, error } = run(
      [
        'struct Person {',
        '  String name;',
        '  Integer age;',
        '};',
        'struct Team {',
        '  String title;',
        '  Person lead;',
        '  Person[] members;',
        '  String asJson() {',
        '    JSONBuilder jb;',
        '    this.toJson(jb);',
        '    return jb.getString();',
        '  }',
        '  Void loadJson(String json) {',
        '    this.fromXMLNode(parseJSON(json));',
        '  }',
        '};',
        'Team t;',
        't.loadJson("{\\"title\\": \\"Core\\", \\"lead\\": {\\"name\\": \\"Ann\\", \\"age\\": 40}, \\"members\\": [{\\"name\\": \\"Bo\\", \\"age\\": 30}, {\\"name\\": \\"Cy\\"}]}");',
        'printLine(t.title + " " + t.lead.name + " " + t.lead.age.toString() + " " + t.members.length().toString() + " " + t.members[1].name);',
        'printLine(t.asJson());',
        'struct Hello { String who; };',
        'Hello h;',
        'h.fromXMLNode(parseXML("<root><who>World</who></root>"));',
        'JSONBuilder b;',
        'h.toJson(b);',
        'printLine(b.getString());',
      ].join('\n'),
    );
    expect(error).toBeNull();
    expect(out).toBe(
      'Core Ann 40 2 Cy\n{"title": "Core","lead": {"name": "Ann","age": 40},"members": [{"name": "Bo","age": 30},{"name": "Cy","age": 0}]}\n{"who": "World"}\n',
    );
  });

  it('EventData reads and writes the trigger event', () => {
    const ev = newEventState('BeforeSaveSale', new Map([['SaleEntity.Amount', '50']]));
    const { out, error, ctx } = run(
      [
        'EventData ed = getEventData();',
        'if (ed.getInputValue("SaleEntity.Amount").toInteger() < 100) {',
        '  ed.setValidationMessage("Amount too low");',
        '}',
        'ed.setOutputValue("SaleEntity.Heading", "Checked");',
        'ed.setStateValue("step", "1");',
        'EventData other = getEventData();',
        'printLine(other.getStateValue("step") + " " + other.getBlockExecution().toString() + " " + other.getMessage());',
        'Map inputs = ed.getInputValues();',
        'printLine(inputs.getKey() + "=" + inputs.getVal());',
      ].join('\n'),
      ev,
    );
    expect(error).toBeNull();
    expect(out).toBe('1 true Amount too low\nSaleEntity.Amount=50\n');
    expect(ctx.event.blockExecution).toBe(true);
    expect(ctx.event.outputs.get('SaleEntity.Heading')).toBe('Checked');
  });
});
