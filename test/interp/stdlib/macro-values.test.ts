// MacroParameter and MacroReturnValue as the values they are: built by their constructors or
// setters and read back; the control configuration is the Map's entries when given (a later change
// to the script's Map, or to a Map read back, does not change the parameter).
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers.js';

describe('MacroParameter', () => {
  it('keeps what its constructors and setters give it', () => {
    const r = runScript(`Map cfg; cfg.insert("rows", "5"); cfg.insert("cols", "40");
MacroParameter p = MacroParameter("body", "Text", cfg, "Body", "The text to send", true);
cfg.insert("rows", "99");
Map got = p.getControlConfig(); got.insert("extra", "1");
printLine(p.getName() + "|" + p.getType() + "|" + p.getLabel() + "|" + p.getDescription() + "|" + p.getIsOptional().toString() + "|" + p.getControlConfig().get("rows") + "|" + p.getControlConfig().exists("extra").toString() + "|[" + p.getValue() + "]|" + p.getIsFixedValue().toString());
MacroParameter f = MacroParameter("to", "Text", cfg, "To", "", false, "support@example.com", true);
printLine(f.getValue() + " " + f.getIsFixedValue().toString() + " " + f.getIsOptional().toString() + " " + f.getControlConfig().get("rows"));
MacroParameter e;
printLine("[" + e.getName() + e.getType() + e.getLabel() + e.getValue() + e.getSourcePath() + "] " + e.getIsOptional().toString() + " " + e.getIsFixedValue().toString() + " " + e.getControlConfig().size().toString());
e.setName("ticketId"); e.setType("Integer"); e.setLabel("Request"); e.setDescription("Which request"); e.setIsOptional(true); e.setValue("7"); e.setIsFixedValue(true); e.setSourcePath("action1.ticketId"); e.setControlConfig(cfg);
printLine(e.getName() + " " + e.getType() + " " + e.getLabel() + " " + e.getDescription() + " " + e.getIsOptional().toString() + " " + e.getValue() + " " + e.getIsFixedValue().toString() + " " + e.getSourcePath() + " " + e.getControlConfig().get("cols"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('body|Text|Body|The text to send|true|5|false|[]|false\nsupport@example.com true false 99\n[] false false 0\nticketId Integer Request Which request true 7 true action1.ticketId 40\n');
  });
});

describe('MacroReturnValue', () => {
  it('keeps its name and description', () => {
    const r = runScript(`MacroReturnValue v = MacroReturnValue("ticketId", "The new request"); MacroReturnValue w; w.setName("status"); w.setDescription("HTTP status");
printLine(v.getName() + "=" + v.getDescription() + " " + w.getName() + "=" + w.getDescription());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('ticketId=The new request status=HTTP status\n');
  });
});
