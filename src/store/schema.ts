/**
 * The one schema of the store: every entity crmscript-tui keeps in
 * `store.json`. Other modules import the types from here; nothing else
 * describes the shape of the document.
 *
 * Changing a shape: bump STORE_VERSION and add a migration in migrations.ts.
 */
import { z } from 'zod';
import { STORE_VERSION } from './version.js';

export { STORE_VERSION };

const id = z.string().min(1);
/** ISO 8601 date-time (e.g. `new Date().toISOString()`). */
const isoDateTime = z.iso.datetime({ offset: true });
const nonNegInt = z.number().int().min(0);

/** 'HH:MM', 24-hour clock. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (00:00 to 23:59)');

export const targetKindSchema = z.enum(['script', 'macro']);

/**
 * The name of a folder, script or macro: it becomes a file or directory name in exports, so no
 * "/", "\\" or control characters, and not "." or "..".
 */
export const entityName = z
  .string()
  .min(1)
  .refine((n) => !/[/\\\u0000-\u001f\u007f]/.test(n), 'must not contain "/", "\\" or control characters')
  .refine((n) => n !== '.' && n !== '..', 'must not be "." or ".."');

// ---------------------------------------------------------------- folders

export const folderSchema = z.object({
  id,
  /** null = a top-level folder. */
  parentId: id.nullable(),
  name: entityName,
});

// ---------------------------------------------------------------- scripts

/**
 * Values an operator runs a script or macro with from the TUI (as the CLI's --var/--input):
 * remembered with it, so every run, debug run, test-fire and every operator of the store
 * starts from the same ones.
 */
export const runValuesSchema = z.object({
  /** What getVariable(name) returns. */
  variables: z.record(z.string(), z.string()),
  /** Event input values (getEventData, {input.NAME}). */
  inputs: z.record(z.string(), z.string()),
});

export const scriptSchema = z.object({
  id,
  /** null = at the top level, outside any folder. */
  folderId: id.nullable(),
  name: entityName,
  description: z.string(),
  /** Include name used by `#include "..."`; '' when the script has none. Unique when non-empty. */
  includeId: z.string(),
  /** Secret a caller must give to run the script from outside (HTTP); '' = none. */
  key: z.string(),
  showResultAsHtml: z.boolean(),
  source: z.string(),
  /** A staged version used only by explicit test runs until it is published. */
  stagedSource: z.string().nullable(),
  /** Debugger breakpoint lines; applied when a debug run of the script (or of one including it) starts. */
  breakpoints: z.array(z.number().int().min(1)).optional(),
  /** Run values remembered for the script (absent: none). */
  runValues: runValuesSchema.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

// ---------------------------------------------------------------- macros

export const macroConditionSchema = z.union([
  z.object({ kind: z.literal('always') }),
  z.object({ left: z.string(), op: z.string().min(1), right: z.string() }),
]);

export const macroActionSchema = z.object({
  /** Action type from the action catalog. */
  type: z.string().min(1),
  params: z.record(z.string(), z.string()),
  condition: macroConditionSchema,
});

export const macroSchema = z.object({
  id,
  folderId: id.nullable(),
  name: entityName,
  description: z.string(),
  actions: z.array(macroActionSchema),
  /** Run values remembered for the macro (absent: none). */
  runValues: runValuesSchema.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

// ---------------------------------------------------------------- triggers

export const triggerSchema = z.object({
  id,
  /** Event name from the trigger catalog, e.g. "NewTicket". */
  event: z.string().min(1),
  targetKind: targetKindSchema,
  targetId: id,
  description: z.string(),
  enabled: z.boolean(),
  /** Position among the bindings of the same event (lower runs first). */
  order: z.number().int(),
  lastFiredAt: isoDateTime.nullable(),
  /** Free text summary of the last firing, e.g. "ok", "blocked: ...", "failed: ...". */
  lastOutcome: z.string().nullable(),
  /** Login name of the sandbox CRM user the binding's runs act as (absent: the default user; fire --user overrides). */
  crmUser: z.string().optional(),
});

// ---------------------------------------------------------------- scheduled tasks

const weekDays = z.array(z.number().int().min(0).max(6)); // 0 = Sunday
const monthDays = z.array(z.number().int().min(1).max(31));
const months = z.array(z.number().int().min(1).max(12));

export const frequencySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('minutes'), every: z.number().int().min(1) }),
  z.object({ kind: z.literal('hourly'), minute: z.number().int().min(0).max(59) }),
  z.object({ kind: z.literal('weekly'), time: timeOfDaySchema, days: weekDays }),
  z.object({ kind: z.literal('monthly'), time: timeOfDaySchema, days: monthDays, months }),
  /** Once, at the given date-time. */
  z.object({ kind: z.literal('once'), at: isoDateTime }),
  /** When another task completes. */
  z.object({ kind: z.literal('after'), taskId: id }),
]);

export const leaseSchema = z.object({
  /** Who holds it, e.g. "daemon:<pid>@<host>". */
  owner: z.string().min(1),
  until: isoDateTime,
});

export const taskSchema = z.object({
  id,
  name: z.string().min(1),
  targetKind: targetKindSchema,
  targetId: id,
  frequency: frequencySchema,
  enabled: z.boolean(),
  /** Run at the next scheduler check, then cleared. */
  startNow: z.boolean(),
  lockMinutes: nonNegInt,
  restartAfterMinutes: nonNegInt,
  lease: leaseSchema.nullable(),
  lastRun: isoDateTime.nullable(),
  nextRun: isoDateTime.nullable(),
  /** Login name of the sandbox CRM user the task's runs act as (absent: the default user). */
  crmUser: z.string().optional(),
  /** Discard the runs' CRM writes when they end (a dry-run task). */
  rollback: z.boolean().optional(),
});

// 'missed': scheduled times no daemon started the task at (none ran, or it could not keep up)
export const taskRunOutcomeSchema = z.enum(['running', 'ok', 'failed', 'interrupted', 'missed']);

export const taskRunSchema = z.object({
  id,
  taskId: id,
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  outcome: taskRunOutcomeSchema,
  /** The output, or its beginning when the full text is kept in a blob. */
  output: z.string(),
  /** Blob id (blobs.ts) holding the full output when it was too long to keep inline. */
  outputBlob: z.string().nullable().default(null),
  error: z.string().nullable(),
  /** Set on a running run when someone asks to stop it ("root (cli)"); the daemon running it stops it and records it as interrupted ("stopped"). */
  stopRequestedBy: z.string().nullable().optional(),
  /** CRM rows the run inserted, updated or deleted (table, id, kind, columns old → new). */
  changes: z
    .array(z.object({ table: z.string(), id: z.number(), kind: z.enum(['insert', 'update', 'delete']), columns: z.array(z.object({ name: z.string(), old: z.union([z.string(), z.number(), z.null()]), new: z.union([z.string(), z.number(), z.null()]) })) }))
    .default([]),
});

// ---------------------------------------------------------------- tracing

export const traceConfigSchema = z.object({
  id,
  targetKind: targetKindSchema,
  targetId: id,
  description: z.string(),
  /** Only record runs by this user ('' = everyone). */
  userFilter: z.string(),
  /** Record every Nth execution. */
  resolution: z.number().int().min(1),
  keepDays: nonNegInt,
  enabled: z.boolean(),
  notify: z.boolean(),
  maxNotifications: nonNegInt,
  notificationEmail: z.string(),
  onlyOnException: z.boolean(),
  /** Executions counted so far (for the resolution; shared by every process). */
  executions: nonNegInt.optional(),
  /** Notifications sent so far (at most maxNotifications). */
  notificationsSent: nonNegInt.optional(),
});

export const traceRunSchema = z.object({
  id,
  configId: id,
  startedAt: isoDateTime,
  /** Where the run came from: 'tui', 'cli', 'task', 'trigger', 'http', ... */
  source: z.string(),
  user: z.string(),
  durationMs: z.number().min(0),
  /** Number of recorded steps. */
  steps: nonNegInt,
  /** 'ok', 'failed', 'interrupted', ... */
  outcome: z.string(),
  exception: z.string().nullable(),
  /** The recording, relative to the data directory (e.g. "traces/<id>.trace"; format: src/interp/trace/format.ts). */
  file: z.string(),
});

// ---------------------------------------------------------------- debug sessions

export const debugSessionSchema = z.object({
  id,
  scriptName: z.string(),
  source: z.string(),
  /** Who or what started it: 'tui', 'cli', 'daemon', 'task:<name>', ... */
  startedBy: z.string(),
  /** 'waiting' (for someone to attach), 'paused', 'running', 'ended', ... */
  state: z.string().min(1),
  /** Current line when paused. */
  line: z.number().int().nullable(),
  /** Where a controller attaches (e.g. a socket path or URL). */
  endpoint: z.string().nullable(),
  pid: z.number().int(),
  createdAt: isoDateTime,
});

// ---------------------------------------------------------------- notifications

export const notificationSchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});

// ---------------------------------------------------------------- settings

export const smtpSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string(),
  password: z.string(),
  from: z.string(),
});

export const featuresSchema = z.object({
  runProgram: z.boolean().default(false),
  file: z.boolean().default(false),
  /** The directory the File class is confined to; '' = <data dir>/files. */
  fileDirectory: z.string().default(''),
  http: z.boolean().default(false),
});

export const settingsSchema = z.object({
  /** The global "Start/Stop tracing scripts" switch. */
  tracingEnabled: z.boolean().default(false),
  smtp: smtpSchema.nullable().default(null),
  /** Host access a script gets; all off unless the operator turns them on. */
  features: featuresSchema.default({ runProgram: false, file: false, fileDirectory: '', http: false }),
  runTimeoutSeconds: z.number().positive().default(60),
  memoryLimitMb: z.number().int().positive().default(256),
  /** What one run may print (and, separately, log), in MB. */
  outputLimitMb: z.number().positive().default(16),
  /** Mails one run may send (Email.send, the macro action). */
  mailsPerRun: z.number().int().positive().default(100),
  /** Script runs the daemon's HTTP API runs at once; more get 503 with Retry-After. */
  httpRunsMax: z.number().int().positive().default(4),
});

// ---------------------------------------------------------------- the document

export const storeSchema = z.object({
  version: z.literal(STORE_VERSION),
  folders: z.array(folderSchema),
  scripts: z.array(scriptSchema),
  macros: z.array(macroSchema),
  triggers: z.array(triggerSchema),
  tasks: z.array(taskSchema),
  taskRuns: z.array(taskRunSchema),
  traceConfigs: z.array(traceConfigSchema),
  traceRuns: z.array(traceRunSchema),
  debugSessions: z.array(debugSessionSchema),
  outbox: z.array(notificationSchema),
  settings: settingsSchema,
}).superRefine((d, ctx) => {
  // ids are how everything refers to everything: two entities with one id would be confused
  for (const key of ['folders', 'scripts', 'macros', 'triggers', 'tasks', 'traceConfigs'] as const) {
    const seen = new Set<string>();
    d[key].forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `the id "${e.id}" is used twice` });
      seen.add(e.id);
    });
  }
});

export type TargetKind = z.infer<typeof targetKindSchema>;
export type Folder = z.infer<typeof folderSchema>;
export type Script = z.infer<typeof scriptSchema>;
export type MacroCondition = z.infer<typeof macroConditionSchema>;
export type MacroAction = z.infer<typeof macroActionSchema>;
export type Macro = z.infer<typeof macroSchema>;
export type RunValues = z.infer<typeof runValuesSchema>;
export type Trigger = z.infer<typeof triggerSchema>;
export type Frequency = z.infer<typeof frequencySchema>;
export type FrequencyKind = Frequency['kind'];
export type Lease = z.infer<typeof leaseSchema>;
export type Task = z.infer<typeof taskSchema>;
export type TaskRunOutcome = z.infer<typeof taskRunOutcomeSchema>;
export type TaskRun = z.infer<typeof taskRunSchema>;
export type TraceConfig = z.infer<typeof traceConfigSchema>;
export type TraceRun = z.infer<typeof traceRunSchema>;
export type DebugSession = z.infer<typeof debugSessionSchema>;
export type Notification = z.infer<typeof notificationSchema>;
export type SmtpSettings = z.infer<typeof smtpSchema>;
export type Features = z.infer<typeof featuresSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type StoreData = z.infer<typeof storeSchema>;

/** Names of the array collections of the document. */
export type CollectionName = {
  [K in keyof StoreData]: StoreData[K] extends Array<{ id: string }> ? K : never;
}[keyof StoreData];
export type EntityOf<K extends CollectionName> = StoreData[K][number];

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** A valid, empty document (no demo content). */
export function emptyStoreData(): StoreData {
  return {
    version: STORE_VERSION,
    folders: [],
    scripts: [],
    macros: [],
    triggers: [],
    tasks: [],
    taskRuns: [],
    traceConfigs: [],
    traceRuns: [],
    debugSessions: [],
    outbox: [],
    settings: defaultSettings(),
  };
}

/**
 * Turn schema problems into one readable sentence, e.g.
 * `scripts[3].name: must not be empty; tasks[0].frequency.time: must be a time of day as HH:MM`.
 * At most `max` problems are named.
 */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const where = formatPath(issue.path);
    return `${where || 'the document'}: ${issueText(issue)}`;
  });
  const more = error.issues.length - max;
  if (more > 0) parts.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
  return parts.join('; ');
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      // zod only includes the input when asked to (reportInput); its message names what it received.
      const missing = 'input' in issue ? issue.input === undefined : /received undefined/.test(issue.message);
      return missing ? 'is missing' : `must be ${article(issue.expected)}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_format':
      return issue.format === 'datetime' ? 'must be an ISO date-time' : issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
