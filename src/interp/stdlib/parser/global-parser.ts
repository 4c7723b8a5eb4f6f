// The run's global Parser: one per run, what getParser() returns (the same object each call) and
// what the parser globals read and write (setParserVariable, getParserVariable, getParserParameter,
// getParserVariableAsCSV, ...). Its variables have rows, as any Parser's; the first row of each is
// mirrored into the run's response (rt.response.parserVariables, by lower-case name), where a web
// endpoint's "ej.headers" is read from when the run ends (stdlib/web.ts httpReplyOf). The
// reference tells a parser's "parameters" from its "variables" nowhere, so getParserParameter*
// read the same values as getParserVariable*.
import type { NativeGlobals } from '../registry.js';
import { rt } from '../../runtime/context.js';
import { CrmParser } from './parser.js';

class GlobalParser extends CrmParser {
  constructor(private readonly mirror: Record<string, string>) {
    super();
  }

  override set(name: string, value: string): void {
    super.set(name, value);
    this.mirror[name.toLowerCase()] = value;
  }

  override add(name: string, value: string): void {
    const first = this.count(name) === 0;
    super.add(name, value);
    if (first) this.mirror[name.toLowerCase()] = value;
  }

  override copyFrom(from: CrmParser): void {
    super.copyFrom(from);
    for (const [name, values] of from.entries()) this.mirror[name.toLowerCase()] = values[0] ?? '';
  }
}

/** The global Parser of each run (by its run context). */
const parsers = new WeakMap<object, GlobalParser>();

export function globalParser(): CrmParser {
  let p = parsers.get(rt);
  if (!p) {
    p = new GlobalParser(rt.response.parserVariables);
    parsers.set(rt, p);
  }
  return p;
}

/** A CSV field: quoted when asked to or when the value needs it, inner quotes doubled. */
function csvField(value: string, force: boolean): string {
  return force || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Every row of a variable of the global Parser. */
function rows(name: string): string[] {
  const p = globalParser();
  const out: string[] = [];
  for (let i = 0, n = p.count(name); i < n; i++) out.push(p.get(name, i));
  return out;
}

export const parserGlobals: NativeGlobals = {
  'getParser()': () => globalParser(),
  'setParserVariable(String,String)': (name: string, value: string) => globalParser().set(name, value),
  'getParserVariable(String)': (name: string) => globalParser().get(name),
  'getParserVariable(String,Integer)': (name: string, row: number) => globalParser().get(name, row),
  'getParserVariableCount(String)': (name: string) => globalParser().count(name),
  'getParserParameter(String)': (name: string) => globalParser().get(name),
  'getParserParameter(String,Integer)': (name: string, index: number) => globalParser().get(name, index),
  'getParserParameterCount(String)': (name: string) => globalParser().count(name),
  'getParserVariableAsCSV(String,Bool)': (name: string, forceQuoting: boolean) =>
    rows(name)
      .map((v) => csvField(v, forceQuoting))
      .join(','),
};
