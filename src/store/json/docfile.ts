/**
 * store.json of a JSON store, as this process has applied it: loading (with upgrades of older
 * formats, doc-parse.ts), cheap re-reading (only changed lines are parsed and checked), the
 * journals laid over it (doc-overlay.ts), and its atomic rewrite (doc-disk.ts).
 */
import { dirname } from 'node:path';
import { StoreError } from '../errors.js';
import { STORE_VERSION } from '../version.js';
import { CheckerNeeded, type Checker } from '../checker.js';
import type { Folder, Macro, Script, ScriptInfo, ScriptRow, Settings, StoreData } from '../schema.js';
import { scriptRow, type Listing } from '../backend.js';
import { listScripts } from '../repos/scripts.js';
import { DOC_COLLECTIONS, definitionOf, serializeDoc, type DocCollection } from './document.js';
import type { DocLines } from './doc-lines.js';
import type { Journal } from './journal.js';
import { backupFile, readStamped, sameStamp, statStamp, writeAtomic, type Stamp } from './doc-disk.js';
import { invalidStore, parseLine, parseStoreText, type Parsed } from './doc-parse.js';
import { SPLIT, StateMerge, overlay, overlayDefs, type DocView, type Merged, type Split } from './doc-overlay.js';
import { isTombstone } from './journal.js';
import type { DocIdentity } from './doc-identity.js';
import { writeListIndex } from './list-index.js';

export class DocFile {
  generation = 0;
  /** Number of the update that wrote the applied content. */
  u = 0;
  settings!: Settings;
  folders: Folder[] = [];
  macros: Macro[] = [];
  private scriptList: Script[] = [];
  /**
   * The script lines of the applied file while nothing asked for the scripts (a file read as
   * crmscript-tui wrote it): parsed on first use, or read without their sources by listing().
   */
  private unparsedScripts: DocLines | null = null;
  private defs: Record<Split, object[]> = { triggers: [], tasks: [], traceConfigs: [] };
  private stamp: Stamp | null = null;
  private hadFile = false;
  /**
   * The applied entities (or definitions) with the lines they were read from
   * (null: written by this process, see lineOf). Indexed by line only when a
   * re-read needs it: a process that reads the store once never builds the index.
   */
  private applied: Record<DocCollection, { entities: readonly object[]; lines: DocLines | null }> | null = null;
  private byLineIndex: Map<DocCollection, Map<string, object>> | null = null;
  /** The line of an entity that was read or written (unchanged entities are not stringified again). */
  private readonly lineOf = new WeakMap<object, string>();
  private mergedCache: { key: string; value: Merged } | null = null;
  private viewCache: { key: string; value: DocView } | null = null;
  /** False when the applied file was not in the one-entity-per-line layout (edited by hand): the next update rewrites it. */
  lineLayout = true;
  private readonly stateMerge = new StateMerge();
  /** The whole document of an older format, after load() returned 'older'. */
  upgradedData: StoreData | null = null;
  /** Whether the applied file is as crmscript-tui wrote it (its checksum): its definitions need no check. */
  private trusted = false;
  /** The checksum in the applied file's first line (null: none, e.g. a file laid out by hand). */
  private sum: string | null = null;
  /** The rows of the applied file's scripts (what a list shows), for the generation they were made for. */
  private rowsCache: { generation: number; rows: ScriptRow[] } | null = null;
  /** The generation listing.json was last written for by this process. */
  private indexed = -1;

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
    if (sameStamp(s, this.stamp)) return { kind: 'same' };
    const r = readStamped(this.file);
    if (!r) return this.peek(checker);
    const parsed = parseStoreText(this.file, r.bytes, checker);
    if ('older' in parsed) {
      this.upgradedData = parsed.older;
      if (this.hadFile) {
        throw new StoreError('invalid-file', `${this.file} was replaced by a file of an older format while in use; restart crmscript-tui to upgrade it.`);
      }
      return { kind: 'older' };
    }
    return { kind: 'new', parsed, stamp: r.stamp };
  }

  /** The scripts of the applied file (parsed on first use when the file was read as crmscript-tui wrote it). */
  get scripts(): Script[] {
    const lines = this.unparsedScripts;
    if (lines) {
      this.unparsedScripts = null;
      this.scriptList = Array.from({ length: lines.length }, (_, i) => parseLine(this.file, lines, i) as Script);
      this.applied!.scripts = { entities: this.scriptList, lines };
    }
    return this.scriptList;
  }

  /**
   * Folders and the rows of the scripts with the edits journal laid over them: what a list shows.
   * Script lines not parsed yet are read without the source, which is not even decoded (90% of the
   * file); they stay unparsed for the scripts getter.
   */
  listing(edits: Journal): Listing {
    return {
      folders: overlay(this.folders, edits.records.get('folders')) as Folder[],
      scripts: overlay(this.rows(), rowRecords(edits.records.get('scripts'))) as ScriptRow[],
    };
  }

  /** The rows of the applied file's scripts, in the file's order. */
  private rows(): ScriptRow[] {
    if (this.rowsCache?.generation === this.generation) return this.rowsCache.rows;
    const lines = this.unparsedScripts;
    const infos: Array<Script | ScriptInfo> = lines ? Array.from({ length: lines.length }, (_, i) => parseLine(this.file, lines, i, 'source') as ScriptInfo) : this.scripts;
    const rows = infos.map(scriptRow);
    this.rowsCache = { generation: this.generation, rows };
    return rows;
  }

  /** Which store.json was applied, when it is one crmscript-tui wrote (checksum and layout) and nothing hides it. */
  private identity(): DocIdentity | null {
    return this.trusted && this.lineLayout && this.sum !== null && this.stamp ? { u: this.u, sum: this.sum, stamp: this.stamp } : null;
  }

  /**
   * Write listing.json for the applied file (see list-index.ts), unless it is not a file crmscript-tui
   * wrote or was replaced since. Not needed for the store to work, so a failure is not an error:
   * readers then find listing.json out of date and read store.json instead.
   */
  async writeListIndex(): Promise<void> {
    const of = this.identity();
    if (!of || this.indexed === this.generation || !this.stillAt(of.stamp)) return;
    this.indexed = this.generation;
    try {
      const scripts = listScripts({ folders: this.folders, scripts: this.rows() }).map((r) => r.script);
      await writeListIndex(dirname(this.file), { of, folders: this.folders, scripts });
    } catch {
      // see above
    }
  }

  /** Triggers, tasks and traces with their state; checked once per changed definition or state. */
  merged(state: Journal, edits: Journal, checker: Checker | null): Merged {
    const key = `${this.generation}/${state.generation}/${edits.generation}`;
    if (this.mergedCache?.key === key) return this.mergedCache.value;
    const trusted = this.trusted && state.trustedAll && edits.trustedAll;
    const { value, problems } = this.stateMerge.merge(this.view(edits).defs, state, checker, trusted);
    if (problems.length > 0) throw invalidStore(this.file, problems);
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
      defs: overlayDefs(this.defs, edits),
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
    const stamp = await writeAtomic(this.file, text);
    this.sum = /^\{"version":\d+,"u":\d+,"sum":"([0-9a-f]{40})"/.exec(text)?.[1] ?? null;
    this.settings = doc.settings;
    this.folders = doc.folders;
    this.scriptList = doc.scripts;
    this.unparsedScripts = null;
    this.macros = doc.macros;
    for (const c of SPLIT) this.defs[c] = defs[c] as object[];
    this.applied = {} as NonNullable<typeof this.applied>;
    for (const c of DOC_COLLECTIONS) this.applied[c] = { entities: defs[c], lines: null };
    this.byLineIndex = null;
    this.stamp = stamp;
    this.hadFile = true;
    this.lineLayout = true;
    this.trusted = true;
    this.u = u;
    this.generation++;
    await this.writeListIndex();
  }

  /** Size of the applied store.json in bytes. */
  get bytes(): number {
    return this.stamp?.size ?? 0;
  }

  /** Whether store.json on disk is still the file with `stamp` (default: the one applied last); one stat. */
  stillAt(stamp: Stamp | null = this.stamp): boolean {
    return sameStamp(statStamp(this.file), stamp);
  }

  /** Keep the file as it was before an upgrade, in case the operator needs to go back. */
  backupBeforeUpgrade(): void {
    backupFile(this.file, `${this.file}.pre-v${STORE_VERSION}.bak`, 'before upgrading it');
  }

  /** Check the parsed file (reusing what is known by line) and make it current; nothing changes on a problem. */
  apply(parsed: Parsed, stamp: Stamp, state: Journal, edits: Journal, checker: Checker | null): void {
    const problems: string[] = [];
    for (const c of DOC_COLLECTIONS) {
      const { raws, lines } = parsed.collections[c];
      if (lines) continue;
      const v = raws as unknown;
      if (!Array.isArray(v)) problems.push(`${c}: ${v === undefined ? 'is missing' : 'must be an array'}`);
    }
    if (problems.length > 0) throw invalidStore(this.file, problems);
    const index = this.byLine();
    const lists = {} as Record<DocCollection, object[]>;
    let unknown = 0;
    for (const c of DOC_COLLECTIONS) {
      const known = index.get(c);
      const lines = parsed.collections[c].lines;
      if (!lines) continue;
      if (!known) unknown += lines.length;
      else for (let i = 0; i < lines.length; i++) if (!known.has(lines.text(i))) unknown++;
    }
    // Many new lines (or no checker loaded): one checksum over the file instead of checking each.
    const trusted = (unknown > 200 || !checker) && parsed.trusted();
    if (!trusted && !checker) throw new CheckerNeeded(this.file);
    const settings = trusted ? ({ ok: true, value: parsed.settings as Settings } as const) : checker!.settings(parsed.settings);
    if (!settings.ok) throw invalidStore(this.file, settings.problems);
    // Scripts of a file as crmscript-tui wrote it are parsed on first use (a list reads them without their sources).
    const deferScripts = trusted && parsed.collections.scripts.lines !== null && !index.has('scripts');
    for (const c of DOC_COLLECTIONS) {
      const { raws, lines } = parsed.collections[c];
      const known = index.get(c);
      const out: object[] = [];
      const split = (SPLIT as readonly string[]).includes(c);
      const count = (raws ?? lines!).length;
      if (c === 'scripts' && deferScripts) {
        lists[c] = [];
        continue;
      }
      for (let i = 0; i < count; i++) {
        let e = lines && known ? known.get(lines.text(i)) : undefined;
        if (e === undefined) {
          const raw = raws ? raws[i] : parseLine(this.file, lines!, i);
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
    const m = this.stateMerge.merge(overlayDefs(defs, edits), state, checker, trusted && state.trustedAll && edits.trustedAll);
    problems.push(...m.problems);
    if (problems.length > 0) throw invalidStore(this.file, problems);
    this.trusted = trusted;
    this.sum = parsed.sum;
    this.settings = settings.value;
    this.folders = lists.folders as Folder[];
    this.scriptList = lists.scripts as Script[];
    this.unparsedScripts = deferScripts ? parsed.collections.scripts.lines : null;
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
      if (!a || (c === 'scripts' && this.unparsedScripts)) continue; // nobody holds entities of lines not parsed
      const m = new Map<string, object>();
      a.entities.forEach((e, i) => {
        const line = a.lines ? a.lines.text(i) : this.lineOf.get(e);
        if (line === undefined) return;
        if (a.lines) this.lineOf.set(e, line);
        m.set(line, e);
      });
      index.set(c, m);
    }
    this.byLineIndex = index;
    return index;
  }
}

/** Edited scripts as rows (removals stay tombstones). */
export function rowRecords(records: Map<string, { id: string }> | undefined): Map<string, { id: string }> | undefined {
  if (!records || records.size === 0) return records;
  return new Map([...records].map(([id, r]) => [id, isTombstone(r) ? r : scriptRow(r as Script)]));
}
