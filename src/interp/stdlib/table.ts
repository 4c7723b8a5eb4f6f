// The natives a run can call, by class name, and the global functions. The table starts with the
// ones that need no CRM (this module's imports); crm-table.ts adds the CRM-backed classes and
// globals and the NetServer classes when it is loaded: index.ts always loads it, a run's worker only
// for a program that names one of them (isolation/worker-side.ts prepareRun), so that a script
// touching no CRM data does not load and evaluate the CRM half of the standard library.
import type { LazyNatives, NativeClass, NativeGlobals, NativeTable } from './registry.js';
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
import { parserGlobals } from './parser/global-parser.js';
import { programUrlGlobals } from './program-urls.js';
import { FileClass } from './file.js';
import { TimeZoneClass, timeZoneGlobals } from './timezone.js';
import { ParserClass } from './parser/parser.js';
import { MainMenuClass, mainMenuGlobals } from './main-menu.js';
import { MacroParameterClass, MacroReturnValueClass } from './macro-values.js';
import { functionListGlobals } from './function-list.js';
import { unbackedGlobals } from './unbacked-globals.js';

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
    MainMenuClass,
    MacroParameterClass,
    MacroReturnValueClass,
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
  ...parserGlobals,
  ...programUrlGlobals,
  ...timeZoneGlobals,
  ...executeScriptGlobals,
  ...mainMenuGlobals,
  ...functionListGlobals,
  ...unbackedGlobals,
};

let table: NativeTable = { classes: nativeClasses, globals: nativeGlobals };

/** Both tables, as the checker and the catalog take them: a new object each time natives are added (catalog.ts caches by it). */
export function nativeTable(): NativeTable {
  return table;
}

/** Adds classes, globals and a lazy provider (crm-table.ts). */
export function addNatives(classes: NativeClass[], globals: NativeGlobals, lazy?: LazyNatives): void {
  for (const c of classes) nativeClasses.set(c.name, c);
  Object.assign(nativeGlobals, globals);
  const provider = lazy ?? table.lazy;
  table = provider ? { classes: nativeClasses, globals: nativeGlobals, lazy: provider } : { classes: nativeClasses, globals: nativeGlobals };
}

/** Whether every native key (as in CompiledProgram.natives) names a class or global the table has now. */
export function tableServes(key: string): boolean {
  const [kind, a] = key.split(':');
  return kind === 'G' ? Object.hasOwn(nativeGlobals, a!) : nativeClasses.has(a!);
}
