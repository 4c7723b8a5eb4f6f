// EventData: the trigger event the script runs for (rt.event): input values, output values,
// state (custom) values, the message, blocking, navigation and a dialog for the client to show.
import type { NativeClass, NativeGlobals } from './registry.js';
import { rt, type EventState } from '../runtime/context.js';
import { CrmMap } from './map.js';
import { CrmDialogDefinition } from './eventdata-dialog.js';
import { CrmError } from '../runtime/values.js';

export class CrmEventData {
  /** Bound to one event's state; when not given, the current run's event. */
  constructor(private readonly bound: EventState | null = null) {}
  get ev(): EventState {
    return this.bound ?? rt.event;
  }
}

function toMap(m: Map<string, string>): CrmMap {
  const out = new CrmMap();
  for (const [k, v] of m) out.put(k, v);
  return out;
}

export const EventDataClass: NativeClass = {
  name: 'EventData',
  // CRMScript 10.1.9, newer than the reference
  extraSignatures: ['Void showDialog(EventDataDialogDefinition dialog)'],
  // every EventData of a run sees the same event (state values are shared between them)
  defaultValue: () => new CrmEventData(),
  ctors: {
    '()': () => new CrmEventData(),
  },
  methods: {
    'getBlockExecution()': (self: CrmEventData) => self.ev.blockExecution,
    'getInputValue(String)': (self: CrmEventData, field: string) => self.ev.inputs.get(field) ?? '',
    // copies: changing the returned Map does not change the event
    'getInputValues()': (self: CrmEventData) => toMap(self.ev.inputs),
    'getMessage()': (self: CrmEventData) => self.ev.message,
    'getNavigateTo()': (self: CrmEventData) => self.ev.navigateTo,
    'getStateValue(String)': (self: CrmEventData, name: string) => self.ev.state.get(name) ?? '',
    'getStateValues()': (self: CrmEventData) => toMap(self.ev.state),
    'getType()': (self: CrmEventData) => self.ev.type | 0,
    'setBlockExecution(Bool)': (self: CrmEventData, value: boolean) => {
      self.ev.blockExecution = value;
    },
    'setMessage(String)': (self: CrmEventData, message: string) => {
      self.ev.message = message;
    },
    'setNavigateTo(String)': (self: CrmEventData, url: string) => {
      self.ev.navigateTo = url;
    },
    'setOutputValue(String,String)': (self: CrmEventData, name: string, value: string) => {
      self.ev.outputs.set(name, value);
    },
    'setStateValue(String,String)': (self: CrmEventData, name: string, value: string) => {
      self.ev.state.set(name, value);
    },
    // the client shows the dialog, then fires the event again with the answer as input values
    'showDialog(EventDataDialogDefinition)': (self: CrmEventData, dialog: unknown) => {
      if (!(dialog instanceof CrmDialogDefinition)) throw new CrmError('showDialog needs an EventDataDialogDefinition');
      self.ev.dialog = dialog.snapshot();
    },
    // shorthand for setBlockExecution(true) + setMessage(message)
    'setValidationMessage(String)': (self: CrmEventData, message: string) => {
      self.ev.blockExecution = true;
      self.ev.message = message;
    },
  },
};

export const eventGlobals: NativeGlobals = {
  'getEventData()': () => new CrmEventData(rt.event),
};
