// Parser: a set of named template variables, each with one or more values (rows), and the template
// language over them (template.ts). Filled by setVariable/addVariable and by the CRM classes'
// toParser (stdlib/crm/to-parser.ts); names are matched without regard to case.
import type { NativeClass } from '../registry.js';
import { evaluateTemplate, parseTemplate, type TemplateVars } from './template.js';

export class CrmParser implements TemplateVars {
  private readonly vars = new Map<string, { name: string; values: string[] }>();

  get(name: string, row = 0): string {
    return this.vars.get(name.toLowerCase())?.values[row] ?? '';
  }

  /** Replaces the variable's values with one value. */
  set(name: string, value: string): void {
    this.vars.set(name.toLowerCase(), { name, values: [value] });
  }

  /** Adds a value (a row) to the variable. */
  add(name: string, value: string): void {
    const v = this.vars.get(name.toLowerCase());
    if (v) v.values.push(value);
    else this.set(name, value);
  }

  count(name: string): number {
    return this.vars.get(name.toLowerCase())?.values.length ?? 0;
  }

  entries(): [string, string[]][] {
    return [...this.vars.values()].map((v) => [v.name, v.values]);
  }

  /** Copies every variable of `from` (all rows) into this parser, replacing same-named ones. */
  copyFrom(from: CrmParser): void {
    for (const [name, values] of from.entries()) this.vars.set(name.toLowerCase(), { name, values: [...values] });
  }
}

export const ParserClass: NativeClass = {
  name: 'Parser',
  defaultValue: () => new CrmParser(),
  ctors: { '()': () => new CrmParser() },
  methods: {
    'setVariable(String,String)': (self: CrmParser, name: string, value: string) => self.set(name, value),
    'addVariable(String,String)': (self: CrmParser, name: string, value: string) => self.add(name, value),
    'getVariable(String,Integer)': (self: CrmParser, name: string, row: number) => self.get(name, row),
    'getVariableCount(String)': (self: CrmParser, name: string) => self.count(name),
    'parseString(String)': (self: CrmParser, text: string) => parseTemplate(text, self),
    'evaluateString(String)': (self: CrmParser, text: string) => evaluateTemplate(text, self),
    'toParser(Parser)': (self: CrmParser, other: CrmParser) => self.copyFrom(other),
  },
};
