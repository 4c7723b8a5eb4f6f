/**
 * store.json of a JSON store: loading (with upgrades of older formats),
 * cheap re-reading (only changed lines are parsed and checked), merging the
 * definitions of triggers, tasks and traces with their state from the state
 * journal, and atomic writes.
 */
import { closeSync, copyFileSync, fstatSync, fsyncSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';
import { STORE_VERSION } from '../version.js';
import { CheckerNeeded, type Checker } from '../checker.js';
import type { CollectionName, Folder, Macro, Script, Settings, StoreData, TraceConfig, Task, Trigger } from '../schema.js';
import { DOC_COLLECTIONS, definitionOf, parseDocText, serializeDoc, type DocCollection } from './document.js';
import { isTombstone, type Journal } from './journal.js';

export const JOURNAL_FILES = { state: 'state.jsonl', runs: 'runs.jsonl', outbox: 'outbox.jsonl', edits: 'edits.jsonl' } as const;

type Split = 'triggers' | 'tasks' | 'traceConfigs';
const SPLIT: readonly Split[] = ['triggers', 'tasks', 'traceConfigs'];
/** What a task, trigger or trace has before its first state record. */
const STATE_DEFAULTS: Record<Split, Record<string, unknown>> = {
  tasks: { lease: null, lastRun: null, nextRun: null, startNow: false },
  triggers: { lastFiredAt: null, lastOutcome: null },
  traceConfigs: {},
};

type Parsed = NonNullable<ReturnType<typeof parseDocText>>;

interface Stamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

export interface Merged {
  triggers: Trigger[];
  tasks: Task[];
  traceConfigs: TraceConfig[];
}

/** The editable part as it is now: store.json with the edits journal laid over it. */
export interface DocView {
  folders: Folder[];
  scripts: Script[];
  macros: Macro[];
  defs: Record<Split, object[]>;
}

export class DocFile {
  generation = 0;
  /** Number of the update that wrote the applied content. */
  u = 0;
  settings!: Settings;
  folders: Folder[] = [];
  scripts: Script[] = [];
  macros: Macro[] = [];
  private defs: Record<Split, object[]> = { triggers: [], tasks: [], traceConfigs: [] };
  private stamp: Stamp | null = null;
  private hadFile = false;
  /**
   * The applied entities (or definitions) with the lines they were read from
   * (null: written by this process, see lineOf). Indexed by line only when a
   * re-read needs it: a process that reads the store once never builds the index.
   */
  private applied: Record<DocCollection, { entities: readonly object[]; lines: readonly string[] | null }> | null = null;
  private byLineIndex: Map<DocCollection, Map<string, object>> | null = null;
  /** The line of an entity that was read or written (unchanged entities are not stringified again). */
  private readonly lineOf = new WeakMap<object, string>();
  private mergedCache: { key: string; value: Merged } | null = null;
  private viewCache: { key: string; value: DocView } | null = null;
  /** False when the applied file was not in the one-entity-per-line layout (edited by hand): the next update rewrites it. */
  lineLayout = true;
  private readonly mergedOne = new WeakMap<object, { state: unknown; entity: object }>();
  /** The whole document of an older format, after load() returned 'older'. */
  upgradedData: StoreData | null = null;
  /** Whether the applied file is known to be as crmscript-tui wrote it (its checksum), so its definitions need no check. */
  private trusted = false;

  constructor(readonly file: string) {}

  /**
   * Look at the file: 'missing' (never existed for this process), 'same' (not
   * changed since it was applied), 'older' (a format to upgrade, see
   * upgradedData) or 'new' with its parsed content for apply(). Throws when
   * the file disappeared while in use or cannot be read.
   */
  peek(checker: Checker | null): { kind: 'missing' | 'same' | 'older' } | { kind: 'new'; parsed: Parsed; stamp: Stamp } {
    this.upgradedData = null;
    const s = statStamp(this.file);
    if (s === null) {
      if (!this.hadFile) return { kind: 'missing' };
      throw new StoreError(
        'missing',
        `${this.file} was removed while crmscript-tui was using it; nothing was written (a new empty store would hide the loss). Restore the file from a backup, or stop every crmscript-tui process and start again to begin a new store.`,
      );
    }
    if (this.stamp && s.ino === this.stamp.ino && s.mtimeMs === this.stamp.mtimeMs && s.size === this.stamp.size) return { kind: 'same' };
    const r = this.readText();
    if (!r) return this.peek(checker);
    const parsed = this.parse(r.text, checker, r.bytes);
    if (parsed === 'older') {
      if (this.hadFile) {
        throw new StoreError('invalid-file', `${this.file} was replaced by a file of an older format while in use; restart crmscript-tui to upgrade it.`);
      }
      return { kind: 'older' };
    }
    return { kind: 'new', parsed, stamp: r.stamp };
  }

  /** Triggers, tasks and traces with their state; checked once per changed definition or state. */
  merged(state: Journal, edits: Journal, checker: Checker | null): Merged {
    const key = `${this.generation}/${state.generation}/${edits.generation}`;
    if (this.mergedCache?.key === key) return this.mergedCache.value;
    const { value, problems } = this.mergeWith(this.view(edits).defs, state, edits, checker);
    if (problems.length > 0) throw this.invalid(problems);
    this.mergedCache = { key, value };
    return value;
  }

  /**
   * Folders, scripts, macros and definitions with the edits journal applied:
   * an edited entity replaces the one of store.json in place, a removed one is
   * left out, a new one comes last. Unchanged lists are the applied ones.
   */
  view(edits: Journal): DocView {
    const key = `${this.generation}/${edits.generation}`;
    if (this.viewCache?.key === key) return this.viewCache.value;
    const value: DocView = {
      folders: overlay(this.folders, edits.records.get('folders')) as Folder[],
      scripts: overlay(this.scripts, edits.records.get('scripts')) as Script[],
      macros: overlay(this.macros, edits.records.get('macros')) as Macro[],
      defs: {
        triggers: overlay(this.defs.triggers, edits.records.get('triggers')),
        tasks: overlay(this.defs.tasks, edits.records.get('tasks')),
        traceConfigs: overlay(this.defs.traceConfigs, edits.records.get('traceConfigs')),
      },
    };
    this.viewCache = { key, value };
    return value;
  }

  /** Replace store.json with the document's editable part (atomic, durable). */
  async write(doc: StoreData, u: number): Promise<void> {
    const defs = {} as Record<DocCollection, readonly object[]>;
    for (const c of DOC_COLLECTIONS) {
      defs[c] = (SPLIT as readonly string[]).includes(c) ? doc[c].map((e) => definitionOf(c, e)) : doc[c];
    }
    this.byLine(); // the lines of what was read, so unchanged entities are not stringified again
    const text = serializeDoc(STORE_VERSION, u, doc.settings, defs, (e) => {
      let line = this.lineOf.get(e);
      if (line === undefined) {
        line = JSON.stringify(e);
        this.lineOf.set(e, line);
      }
      return line;
    });
    try {
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(this.file, text, { encoding: 'utf8', mode: 0o600, fsync: true });
    } catch (e) {
      throw new StoreError('io', `Cannot write ${this.file}: ${describeFsError(e)}.`);
    }
    syncDir(dirname(this.file));
    this.settings = doc.settings;
    this.folders = doc.folders;
    this.scripts = doc.scripts;
    this.macros = doc.macros;
    for (const c of SPLIT) this.defs[c] = defs[c] as object[];
    this.applied = {} as NonNullable<typeof this.applied>;
    for (const c of DOC_COLLECTIONS) this.applied[c] = { entities: defs[c], lines: null };
    this.byLineIndex = null;
    this.stamp = statStamp(this.file);
    this.hadFile = true;
    this.lineLayout = true;
    this.trusted = true;
    this.u = u;
    this.generation++;
  }

  /** Size of the applied store.json in bytes. */
  get bytes(): number {
    return this.stamp?.size ?? 0;
  }

  /** Whether store.json on disk is still the file with `stamp` (default: the one applied last); one stat. */
  stillAt(stamp: Stamp | null = this.stamp): boolean {
    const s = statStamp(this.file);
    return !!s && !!stamp && s.ino === stamp.ino && s.mtimeMs === stamp.mtimeMs && s.size === stamp.size;
  }

  /** Keep the file as it was before an upgrade, in case the operator needs to go back. */
  backupBeforeUpgrade(): void {
    try {
      copyFileSync(this.file, `${this.file}.pre-v${STORE_VERSION}.bak`);
    } catch (e) {
      throw new StoreError('io', `Cannot back up ${this.file} before upgrading it: ${describeFsError(e)}.`);
    }
  }

  private readText(): { text: string; bytes: Buffer; stamp: Stamp } | null {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError('io', `Cannot read ${this.file}: ${describeFsError(e)}.`);
    }
    try {
      const s = fstatSync(fd);
      const bytes = readFileSync(fd);
      return { text: bytes.toString('utf8'), bytes, stamp: { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size } };
    } catch (e) {
      throw new StoreError('io', `Cannot read ${this.file}: ${describeFsError(e)}.`);
    } finally {
      closeSync(fd);
    }
  }

  private parse(text: string, checker: Checker | null, bytes?: Buffer): Parsed | 'older' {
    if (text.trim() === '') {
      throw new StoreError('invalid-file', `${this.file} is empty; restore it from a backup or remove it to start a new store.`);
    }
    let parsed: ReturnType<typeof parseDocText>;
    try {
      parsed = parseDocText(text, bytes);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new StoreError('invalid-file', `${this.file} is not valid JSON (${why}); fix it or restore it from a backup (or remove it to start a new store).`);
    }
    if (!parsed) throw new StoreError('invalid-file', `${this.file} does not hold a crmscript-tui store (expected a JSON object).`);
    if (parsed.version === STORE_VERSION) return parsed;
    // Older (or newer: migrate() says so) formats go through the migrations as one whole document.
    const raw: Record<string, unknown> = { ...parsed.rest, version: parsed.version, settings: parsed.settings };
    for (const c of DOC_COLLECTIONS) raw[c] = this.rawsOrThrow(parsed.collections[c]);
    if (parsed.version === undefined) delete raw.version;
    if (!checker) throw new CheckerNeeded(this.file);
    this.upgradedData = checker.upgrade(raw, this.file);
    return 'older';
  }

  /** Check the parsed file (reusing what is known by line) and make it current; nothing changes on a problem. */
  apply(parsed: Parsed, stamp: Stamp, state: Journal, edits: Journal, checker: Checker | null): void {
    const problems: string[] = [];
    for (const c of DOC_COLLECTIONS) {
      const { raws, lines } = parsed.collections[c];
      const v = (raws ?? lines) as unknown;
      if (!Array.isArray(v)) problems.push(`${c}: ${v === undefined ? 'is missing' : 'must be an array'}`);
    }
    if (problems.length > 0) throw this.invalid(problems);
    const index = this.byLine();
    const lists = {} as Record<DocCollection, object[]>;
    let unknown = 0;
    for (const c of DOC_COLLECTIONS) {
      const known = index.get(c);
      const lines = parsed.collections[c].lines ?? [];
      if (!known) unknown += lines.length;
      else for (const l of lines) if (!known.has(l)) unknown++;
    }
    // Many new lines (or no checker loaded): one checksum over the file instead of checking each.
    const trusted = (unknown > 200 || !checker) && parsed.trusted();
    if (!trusted && !checker) throw new CheckerNeeded(this.file);
    const settings = trusted ? ({ ok: true, value: parsed.settings as Settings } as const) : checker!.settings(parsed.settings);
    if (!settings.ok) throw this.invalid(settings.problems);
    for (const c of DOC_COLLECTIONS) {
      const { raws, lines } = parsed.collections[c];
      const known = index.get(c);
      const out: object[] = [];
      const split = (SPLIT as readonly string[]).includes(c);
      const count = (raws ?? lines!).length;
      for (let i = 0; i < count; i++) {
        const line = lines ? lines[i]! : null;
        let e = line !== null ? known?.get(line) : undefined;
        if (e === undefined) {
          const raw = raws ? raws[i] : this.parseLine(line!);
          if (split || trusted) e = raw as object;
          else {
            const r = checker!.entity(c, raw, `${c}[${i}]`);
            if (!r.ok) {
              if (problems.length < 3) problems.push(...r.problems);
              continue;
            }
            e = r.value;
          }
        }
        out.push(e);
      }
      lists[c] = out;
    }
    const defs = { triggers: lists.triggers, tasks: lists.tasks, traceConfigs: lists.traceConfigs };
    const overlaid = {
      triggers: overlay(defs.triggers, edits.records.get('triggers')),
      tasks: overlay(defs.tasks, edits.records.get('tasks')),
      traceConfigs: overlay(defs.traceConfigs, edits.records.get('traceConfigs')),
    };
    const m = this.mergeWith(overlaid, state, edits, checker, trusted);
    problems.push(...m.problems);
    if (problems.length > 0) throw this.invalid(problems);
    this.trusted = trusted;
    this.settings = settings.value;
    this.folders = lists.folders as Folder[];
    this.scripts = lists.scripts as Script[];
    this.macros = lists.macros as Macro[];
    this.defs = defs;
    this.applied = {} as NonNullable<typeof this.applied>;
    for (const c of DOC_COLLECTIONS) this.applied[c] = { entities: lists[c], lines: parsed.collections[c].lines };
    this.byLineIndex = null;
    this.stamp = stamp;
    this.hadFile = true;
    this.u = parsed.u;
    this.lineLayout = DOC_COLLECTIONS.every((c) => parsed.collections[c].lines !== null);
    this.generation++;
    this.mergedCache = { key: `${this.generation}/${state.generation}/${edits.generation}`, value: m.value };
  }

  /** Entity by the exact line it was read from (or written as), per collection; built on first use. */
  private byLine(): Map<DocCollection, Map<string, object>> {
    if (this.byLineIndex) return this.byLineIndex;
    const index = new Map<DocCollection, Map<string, object>>();
    for (const c of DOC_COLLECTIONS) {
      const a = this.applied?.[c];
      if (!a) continue;
      const m = new Map<string, object>();
      a.entities.forEach((e, i) => {
        const line = a.lines ? a.lines[i]! : this.lineOf.get(e);
        if (line === undefined) return;
        if (a.lines) this.lineOf.set(e, line);
        m.set(line, e);
      });
      index.set(c, m);
    }
    this.byLineIndex = index;
    return index;
  }

  private mergeWith(defs: Record<Split, object[]>, state: Journal, edits: Journal, checker: Checker | null, docTrusted = this.trusted): { value: Merged; problems: string[] } {
    const problems: string[] = [];
    const value = {} as Record<Split, object[]>;
    // definitions and state written by crmscript-tui were checked as whole entities before they were split
    const trusted = docTrusted && state.trustedAll && edits.trustedAll;
    for (const c of SPLIT) {
      const states = state.records.get(c)!;
      const out: object[] = [];
      defs[c].forEach((def, i) => {
        const st = states.get((def as { id: string }).id);
        const known = this.mergedOne.get(def);
        if (known && known.state === st) return void out.push(known.entity);
        const whole = { ...STATE_DEFAULTS[c], ...def, ...(st ?? {}) };
        if (!trusted && !checker) throw new CheckerNeeded(`${c}[${i}]`);
        const r = trusted ? ({ ok: true, value: whole } as const) : checker!.entity(c as CollectionName, whole, `${c}[${i}]`);
        if (!r.ok) {
          if (problems.length < 3) problems.push(...r.problems);
          return;
        }
        this.mergedOne.set(def, { state: st, entity: r.value });
        out.push(r.value);
      });
      value[c] = out;
    }
    return { value: value as unknown as Merged, problems };
  }

  private parseLine(line: string): unknown {
    try {
      return JSON.parse(line);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new StoreError('invalid-file', `${this.file} is not valid JSON (${why}); fix it or restore it from a backup (or remove it to start a new store).`);
    }
  }

  private rawsOrThrow(part: { raws: unknown[] | null; lines: string[] | null }): unknown[] {
    return part.raws ?? (part.lines ?? []).map((l) => this.parseLine(l));
  }

  private invalid(problems: string[]): StoreError {
    const shown = problems.slice(0, 3);
    if (problems.length > 3) shown.push(`and ${problems.length - 3} more problem${problems.length === 4 ? '' : 's'}`);
    return new StoreError('invalid-file', `${this.file} is not a valid crmscript-tui store: ${shown.join('; ')}.`);
  }
}

/** `list` with the journal's records laid over it (see DocFile.view); the same array when there are none. */
function overlay(list: object[], records: Map<string, { id: string }> | undefined): object[] {
  if (!records || records.size === 0) return list;
  const out: object[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    const id = (e as { id: string }).id;
    const r = records.get(id);
    if (r === undefined) out.push(e);
    else {
      seen.add(id);
      if (!isTombstone(r)) out.push(r);
    }
  }
  for (const [id, r] of records) if (!seen.has(id) && !isTombstone(r)) out.push(r);
  return out;
}

function statStamp(file: string): Stamp | null {
  try {
    const s = statSync(file);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

/** Make a rename durable; some file systems cannot fsync a directory (the data is safe from process crashes anyway). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // see above
  }
}
