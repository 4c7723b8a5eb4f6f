// Every native implementation, by class name, and every native global function.
import type { NativeClass, NativeGlobals, NativeTable } from './registry.js';
import { StringClass } from './string.js';
import { IntegerClass, FloatClass, BoolClass, ByteClass } from './numbers.js';
import { LongClass } from './long.js';
import { FHBitSetClass } from './fhbitset.js';
import { WeekScheduleClass, YearScheduleClass } from './schedule.js';
import { StringObjectDictionaryClass } from './string-object-dictionary.js';
import { globalFunctions } from './global.js';
import { genericFunctions } from './generic.js';
import { DateClass, DateTimeClass, TimeClass, TimeSpanClass, timeGlobals } from './datetime.js';
import { TimerClass } from './timer.js';
import { MapClass } from './map.js';
import { VectorClass } from './vector.js';
import { XMLNodeClass, xmlGlobals } from './xml.js';
import { JSONBuilderClass } from './jsonbuilder.js';
import { StringMatrixClass } from './stringmatrix.js';
import { EventDataClass, eventGlobals } from './eventdata.js';
import { EventDataDialogDefinitionClass, EventDataDialogFieldClass } from './eventdata-dialog.js';
import { NSStreamClass } from './nsstream.js';
import { HttpClass } from './http.js';
import { EmailClass } from './email.js';
import { ScriptCallClass } from './scriptcall.js';
import { executeScriptGlobals } from './execute-script.js';
import { webGlobals } from './web.js';
import { FileClass } from './file.js';
import { TimeZoneClass, timeZoneGlobals } from './timezone.js';
import { crmNativeClasses, crmNativeGlobals } from './crm/index.js';
import { ParserClass } from './parser/parser.js';
import { netServerNatives } from './netserver/index.js';

export const nativeClasses = new Map<string, NativeClass>(
  [
    StringClass,
    IntegerClass,
    FloatClass,
    BoolClass,
    ByteClass,
    LongClass,
    FHBitSetClass,
    WeekScheduleClass,
    YearScheduleClass,
    StringObjectDictionaryClass,
    DateClass,
    DateTimeClass,
    TimeClass,
    TimeSpanClass,
    TimerClass,
    MapClass,
    VectorClass,
    XMLNodeClass,
    JSONBuilderClass,
    StringMatrixClass,
    EventDataClass,
    EventDataDialogDefinitionClass,
    EventDataDialogFieldClass,
    NSStreamClass,
    HttpClass,
    EmailClass,
    ScriptCallClass,
    FileClass,
    TimeZoneClass,
    ParserClass,
    ...crmNativeClasses,
  ].map((c) => [c.name, c]),
);

/** Global functions keyed 'name(T1,T2)'. Members of the catalog's Void and Generic classes. */
export const nativeGlobals: NativeGlobals = {
  ...globalFunctions,
  ...genericFunctions,
  ...timeGlobals,
  ...xmlGlobals,
  ...eventGlobals,
  ...webGlobals,
  ...timeZoneGlobals,
  ...crmNativeGlobals,
  ...executeScriptGlobals,
};

/** Both tables, as the checker takes them (check(program, natives)). */
export const natives: NativeTable = { classes: nativeClasses, globals: nativeGlobals, lazy: netServerNatives };
