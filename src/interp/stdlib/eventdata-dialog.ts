// EventDataDialogDefinition (CRMScript 10.1.9, newer than ../shared's reference): a dialog a
// trigger script asks the client to show, with EventData.showDialog(dialog). The client shows it
// and fires the event again with the answer as input values: `<prefix>button` (the button
// pressed: yes, no, ok, cancel) and `<prefix><field id>` for each field. Here the dialog becomes
// part of the firing's outcome (`crmscript-tui fire`, the TUI, the daemon's JSON answer), and
// firing again with those inputs goes on to the script's next step.
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { charge } from '../runtime/memory.js';
import { DateClass, DateTimeClass, TimeClass } from './datetime.js';
import type { DialogDefinition, DialogField } from '../runtime/dialog.js';

/** EventDataDialogField: one field built property by property, for addField. */
/** A field of its own (its list items too), so later changes to the original do not reach it. */
const copyField = (f: DialogField): DialogField => ({ ...f, ...(f.items ? { items: [...f.items] } : {}) });

/** Items a list field may offer. */
const MAX_ITEMS = 10_000;

export class CrmDialogField {
  f: DialogField = { id: '', kind: '', label: '' };
}

export class CrmDialogDefinition {
  d: DialogDefinition = { title: '', type: '', icon: '', text: '', markdown: '', prefix: '', width: 0, height: 0, blockExecutionOnCancel: false, fields: [] };

  add(field: DialogField): void {
    if (this.d.fields.length >= 1000) throw new CrmError('EventDataDialogDefinition: a dialog holds at most 1,000 fields');
    if ((field.items?.length ?? 0) > MAX_ITEMS) throw new CrmError('EventDataDialogDefinition: a list field holds at most 10,000 items');
    charge(64 + 2 * JSON.stringify(field).length);
    // a field added again under the same id replaces the earlier one
    const i = this.d.fields.findIndex((f) => f.id === field.id);
    if (i >= 0) this.d.fields[i] = field;
    else this.d.fields.push(field);
  }

  /** A copy, so that changing the dialog after showDialog does not change what was shown. */
  snapshot(): DialogDefinition {
    return { ...this.d, fields: this.d.fields.map(copyField) };
  }
}

type D = CrmDialogDefinition;

/** The addX(...) overloads of one field kind: (id, label), (id, label, default), (id, label, default, placeholder, mandatory). */
function adders(name: string, kind: string, defType: string, toDefault: (v: unknown) => string | number | boolean): Record<string, (...a: never[]) => void> {
  return {
    [`${name}(String,String)`]: (self: D, id: string, label: string) => self.add({ id, kind, label }),
    [`${name}(String,String,${defType})`]: (self: D, id: string, label: string, v: unknown) => self.add({ id, kind, label, default: toDefault(v) }),
    [`${name}(String,String,${defType},String,Bool)`]: (self: D, id: string, label: string, v: unknown, placeholder: string, mandatory: boolean) =>
      self.add({ id, kind, label, default: toDefault(v), placeholder, mandatory }),
  };
}

const asText = (v: unknown): string => String(v ?? '');
/** A Date, DateTime or Time default, written as its toString() writes it. */
const asTimeText = (cls: NativeClass) => (v: unknown): string => String(cls.methods!['toString()'](v));
const asNumber = (v: unknown): number => (Object.is(v, -0) ? 0 : Number(v));

export const EventDataDialogDefinitionClass: NativeClass = {
  name: 'EventDataDialogDefinition',
  defaultValue: () => new CrmDialogDefinition(),
  ctors: { '()': () => new CrmDialogDefinition() },
  methods: {
    'addCheckbox(String,String)': (self: D, id: string, label: string) => self.add({ id, kind: 'checkbox', label }),
    'addCheckbox(String,String,Bool)': (self: D, id: string, label: string, mandatory: boolean) => self.add({ id, kind: 'checkbox', label, mandatory }),
    ...adders('addDate', 'date', 'Date', asTimeText(DateClass)),
    ...adders('addDateTime', 'datetime', 'DateTime', asTimeText(DateTimeClass)),
    ...adders('addFloat', 'float', 'Float', asNumber),
    ...adders('addInteger', 'integer', 'Integer', asNumber),
    ...adders('addText', 'text', 'String', asText),
    ...adders('addTime', 'time', 'Time', asTimeText(TimeClass)),
    ...adders('addTimeSpan', 'timespan', 'Integer', asNumber),
    'addTimeSpan(String,String,Integer,String,Bool,Bool,Bool,Bool,Bool,Bool)': (self: D, id: string, label: string, v: number, placeholder: string, mandatory: boolean, allowBlank: boolean, days: boolean, hours: boolean, minutes: boolean, seconds: boolean) =>
      self.add({ id, kind: 'timespan', label, default: asNumber(v), placeholder, mandatory, allowBlank, days, hours, minutes, seconds }),
    'addField(EventDataDialogField)': (self: D, field: unknown) => {
      if (!(field instanceof CrmDialogField)) throw new CrmError('addField needs an EventDataDialogField');
      if (field.f.id === '') throw new CrmError('EventDataDialogDefinition.addField: the field has no id (setId)');
      self.add(copyField(field.f));
    },
    'addLabel(String,String)': (self: D, id: string, label: string) => self.add({ id, kind: 'label', label }),
    'addList(String,String,String)': (self: D, id: string, label: string, listName: string) => self.add({ id, kind: 'list', label, listName }),
    'addList(String,String,String,Integer)': (self: D, id: string, label: string, listName: string, v: number) => self.add({ id, kind: 'list', label, listName, default: asNumber(v) }),
    'addList(String,String,String,Integer,String,Bool)': (self: D, id: string, label: string, listName: string, v: number, placeholder: string, mandatory: boolean) =>
      self.add({ id, kind: 'list', label, listName, default: asNumber(v), placeholder, mandatory }),
    'addList(String,String,String[],String,String,Bool)': (self: D, id: string, label: string, items: string[], v: string, placeholder: string, mandatory: boolean) =>
      self.add({ id, kind: 'list', label, items: items.map(asText), default: asText(v), placeholder, mandatory }),
    'addList(String,String,String,Integer,String,Bool,String,Bool)': (self: D, id: string, label: string, listName: string, v: number, placeholder: string, mandatory: boolean, additionalInfo: string, forceFlatList: boolean) =>
      self.add({ id, kind: 'list', label, listName, default: asNumber(v), placeholder, mandatory, additionalInfo, forceFlatList }),
    'removeField(String)': (self: D, id: string) => {
      self.d.fields = self.d.fields.filter((f) => f.id !== id);
    },
    'getBlockExecutionOnCancel()': (self: D) => self.d.blockExecutionOnCancel,
    'setBlockExecutionOnCancel(Bool)': (self: D, v: boolean) => void (self.d.blockExecutionOnCancel = v),
    'getHeight()': (self: D) => self.d.height,
    'setHeight(Integer)': (self: D, v: number) => void (self.d.height = v | 0),
    'getWidth()': (self: D) => self.d.width,
    'setWidth(Integer)': (self: D, v: number) => void (self.d.width = v | 0),
    'getIcon()': (self: D) => self.d.icon,
    'setIcon(String)': (self: D, v: string) => void (self.d.icon = asText(v)),
    'getMarkdown()': (self: D) => self.d.markdown,
    'setMarkdown(String)': (self: D, v: string) => void (self.d.markdown = asText(v)),
    'getPrefix()': (self: D) => self.d.prefix,
    'setPrefix(String)': (self: D, v: string) => void (self.d.prefix = asText(v)),
    'getText()': (self: D) => self.d.text,
    'setText(String)': (self: D, v: string) => void (self.d.text = asText(v)),
    'getTitle()': (self: D) => self.d.title,
    'setTitle(String)': (self: D, v: string) => void (self.d.title = asText(v)),
    'getType()': (self: D) => self.d.type,
    'setType(String)': (self: D, v: string) => void (self.d.type = asText(v)),
    'toJSONString()': (self: D) => JSON.stringify(self.d),
  },
  extraSignatures: [
    'Void addCheckbox(String id, String label)',
    'Void addCheckbox(String id, String label, Bool mandatory)',
    ...['Date', 'DateTime', 'Float', 'Integer', 'Text', 'Time', 'TimeSpan'].flatMap((k) => {
      const t = k === 'Text' ? 'String' : k === 'TimeSpan' ? 'Integer' : k;
      return [`Void add${k}(String id, String label)`, `Void add${k}(String id, String label, ${t} default)`, `Void add${k}(String id, String label, ${t} default, String placeholder, Bool mandatory)`];
    }),
    'Void addTimeSpan(String id, String label, Integer default, String placeholder, Bool mandatory, Bool allowBlank, Bool days, Bool hours, Bool minutes, Bool seconds)',
    'Void addField(EventDataDialogField field)',
    'Void addLabel(String id, String label)',
    'Void addList(String id, String label, String listName)',
    'Void addList(String id, String label, String listName, Integer default)',
    'Void addList(String id, String label, String listName, Integer default, String placeholder, Bool mandatory)',
    'Void addList(String id, String label, String[] listItems, String default, String placeholder, Bool mandatory)',
    'Void addList(String id, String label, String listName, Integer default, String placeholder, Bool mandatory, String additionalInfo, Bool forceFlatList)',
    'Void removeField(String id)',
    'Bool getBlockExecutionOnCancel()',
    'Void setBlockExecutionOnCancel(Bool value)',
    ...['Height', 'Width'].flatMap((k) => [`Integer get${k}()`, `Void set${k}(Integer value)`]),
    ...['Icon', 'Markdown', 'Prefix', 'Text', 'Title', 'Type'].flatMap((k) => [`String get${k}()`, `Void set${k}(String value)`]),
    'String toJSONString()',
  ],
};

type F = CrmDialogField;

/** EventDataDialogField's String properties, by the name of its getter and setter. */
const FIELD_TEXT = { AdditionalInfo: 'additionalInfo', Id: 'id', Label: 'label', ListName: 'listName', Placeholder: 'placeholder', Type: 'kind' } as const;
/** Its Bool properties. */
const FIELD_FLAGS = {
  AllowBlank: 'allowBlank',
  AllowRootSelection: 'allowRootSelection',
  Days: 'days',
  Hours: 'hours',
  Minutes: 'minutes',
  Seconds: 'seconds',
  ForceFlatList: 'forceFlatList',
  HideEmptyRootsInSearch: 'hideEmptyRootsInSearch',
  Mandatory: 'mandatory',
  ShowAllChildrenInSearch: 'showAllChildrenInSearch',
  ShowFullPath: 'showFullPath',
} as const;

const fieldMethods: Record<string, (...a: never[]) => unknown> = {
  'addListItem(String)': (self: F, item: string) => {
    const items = (self.f.items ??= []);
    if (items.length >= MAX_ITEMS) throw new CrmError('EventDataDialogField.addListItem: a list holds at most 10,000 items');
    charge(32 + 2 * String(item).length);
    items.push(asText(item));
  },
  'getDefault()': (self: F) => (self.f.default === undefined ? '' : String(self.f.default)),
  'setDefault(String)': (self: F, v: string) => void (self.f.default = asText(v)),
  'getDefaultFloat()': (self: F) => (typeof self.f.default === 'number' ? self.f.default : Number(self.f.default ?? 0) || 0),
  'setDefaultFloat(Float)': (self: F, v: number) => void (self.f.default = asNumber(v)),
};
for (const [name, key] of Object.entries(FIELD_TEXT)) {
  fieldMethods[`get${name}()`] = (self: F) => self.f[key] ?? '';
  fieldMethods[`set${name}(String)`] = (self: F, v: string) => void (self.f[key] = asText(v));
}
for (const [name, key] of Object.entries(FIELD_FLAGS)) {
  fieldMethods[`get${name}()`] = (self: F) => self.f[key] === true;
  fieldMethods[`set${name}(Bool)`] = (self: F, v: boolean) => void (self.f[key] = v === true);
}

export const EventDataDialogFieldClass: NativeClass = {
  name: 'EventDataDialogField',
  defaultValue: () => new CrmDialogField(),
  ctors: { '()': () => new CrmDialogField() },
  methods: fieldMethods,
  extraSignatures: [
    'Void addListItem(String item)',
    'String getDefault()',
    'Void setDefault(String value)',
    'Float getDefaultFloat()',
    'Void setDefaultFloat(Float value)',
    ...Object.keys(FIELD_TEXT).flatMap((k) => [`String get${k}()`, `Void set${k}(String value)`]),
    ...Object.keys(FIELD_FLAGS).flatMap((k) => [`Bool get${k}()`, `Void set${k}(Bool value)`]),
  ],
};
