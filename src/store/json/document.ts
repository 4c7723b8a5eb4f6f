/**
 * The text format of store.json (format 2): what people edit — settings,
 * folders, scripts, macros and the definitions of triggers, tasks and trace
 * configurations — one entity per line, so the file stays readable and a
 * re-read can reuse every entity whose line did not change (no re-parsing or
 * re-validating ten thousand unchanged scripts). It is plain JSON: a file that
 * was edited by hand into another layout is still read (the slow way).
 *
 * The fields that change on every run (a task's lease and last/next run, a
 * trigger's last firing, a trace's counters) are not in this file: they live
 * in the state journal beside it (see VOLATILE_FIELDS).
 */
import { createHash } from 'node:crypto';
import type { CollectionName } from '../schema.js';
import { DocLines } from './doc-lines.js';

/** Collections kept in store.json, in file order. */
export const DOC_COLLECTIONS = ['folders', 'scripts', 'macros', 'triggers', 'tasks', 'traceConfigs'] as const;
export type DocCollection = (typeof DOC_COLLECTIONS)[number];

/** Per collection, the fields kept in the state journal instead of store.json. */
export const VOLATILE_FIELDS: Partial<Record<CollectionName, readonly string[]>> = {
  tasks: ['lease', 'lastRun', 'nextRun', 'startNow'],
  triggers: ['lastFiredAt', 'lastOutcome'],
  traceConfigs: ['executions', 'notificationsSent'],
};

export interface DocText {
  version: unknown;
  /** Number of the update that last wrote the file (0 when not recorded). */
  u: number;
  /** The checksum in the file's first line (null when there is none; see trusted). */
  sum: string | null;
  settings: unknown;
  /**
   * Per collection: the raw entities (slow path) or the line of each entity
   * (fast path: a line is decoded and parsed only when it is not known already).
   */
  collections: Record<DocCollection, { raws: unknown[] | null; lines: DocLines | null }>;
  /**
   * True when the file carries the checksum its writer (this program, after
   * validating every entity) computed, and the text still matches it: then the
   * entities need no second check.
   */
  trusted: () => boolean;
  /** Everything else found in a hand-edited or older file (e.g. taskRuns of format 1). */
  rest: Record<string, unknown>;
}

const HEADER = /^"([A-Za-z]+)":\[$/;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * Split the file's bytes into its parts. Lines that are not in the expected layout make
 * the whole text go through JSON.parse instead. Throws SyntaxError for text
 * that is not JSON; returns null when the JSON is not an object.
 */
export function parseDocBytes(bytes: Buffer): DocText | null {
  return fastParse(bytes) ?? slowParse(bytes.toString('utf8'));
}

function slowParse(text: string): DocText | null {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const rest: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const collections = {} as DocText['collections'];
  for (const c of DOC_COLLECTIONS) {
    const v = rest[c];
    collections[c] = { raws: Array.isArray(v) ? v : (v as unknown[]), lines: null };
    delete rest[c];
  }
  const { version, settings, u } = rest;
  delete rest.version;
  delete rest.settings;
  delete rest.u;
  delete rest.sum;
  return { version, u: typeof u === 'number' ? u : 0, sum: null, settings, collections, rest, trusted: () => false };
}

/**
 * The file in the line layout, read from its bytes: only the first lines are decoded here, an
 * entity line is a byte range decoded when needed (DocLines). Null when the layout differs.
 */
function fastParse(bytes: Buffer): DocText | null {
  let pos = 0;
  /** The next line as [start, end) (like text.split('\n'): a last empty line after the final newline). */
  const next = (): [number, number] | null => {
    if (pos > bytes.length) return null;
    let end = bytes.indexOf(NEWLINE, pos);
    if (end < 0) end = bytes.length;
    const line: [number, number] = [pos, end];
    pos = end + 1;
    return line;
  };
  const text = (l: [number, number] | null) => (l ? bytes.toString('utf8', l[0], l[1]) : '');
  const m = /^\{"version":(\d+),(?:"u":(\d+),)?(?:"sum":"([0-9a-f]{40})",)?$/.exec(text(next()));
  if (!m) return null;
  const s = text(next());
  if (!s.startsWith('"settings":') || !s.endsWith(',')) return null;
  let settings: unknown;
  try {
    settings = JSON.parse(s.slice(11, -1));
  } catch {
    return null;
  }
  const collections = {} as DocText['collections'];
  for (let c = 0; c < DOC_COLLECTIONS.length; c++) {
    const name = DOC_COLLECTIONS[c]!;
    const h = HEADER.exec(text(next()));
    if (!h || h[1] !== name) return null;
    const close = c === DOC_COLLECTIONS.length - 1 ? 0x7d : COMMA; // "]}" or "],"
    const starts: number[] = [];
    const ends: number[] = [];
    let lastHadComma = false;
    for (;;) {
      const line = next();
      if (line === null) return null;
      const [from, to] = line;
      if (to - from === 2 && bytes[from] === 0x5d && bytes[from + 1] === close) break;
      if (starts.length > 0 && !lastHadComma) return null;
      lastHadComma = to > from && bytes[to - 1] === COMMA;
      const end = lastHadComma ? to - 1 : to;
      if (end - from < 2 || bytes[from] !== 0x7b || bytes[end - 1] !== 0x7d) return null;
      starts.push(from);
      ends.push(end);
    }
    if (lastHadComma) return null; // every entity line but the last ends with a comma
    collections[name] = { raws: null, lines: new DocLines(bytes, starts, ends) };
  }
  for (let k = pos; k < bytes.length; k++) if (bytes[k] !== NEWLINE) return null; // only empty lines may follow
  let verdict: boolean | undefined;
  // Computed only when many lines are new to the reader (a few are cheaper to check one by one).
  const trusted = () => (verdict ??= m[3] !== undefined && checksum(bytes.subarray(bytes.indexOf(NEWLINE) + 1)) === m[3]);
  return { version: Number(m[1]), u: Number(m[2] ?? 0), sum: m[3] ?? null, settings, collections, rest: {}, trusted };
}

/** The checksum a writer puts in the first line (over everything after it). */
export function checksum(body: string | Buffer): string {
  return createHash('sha1').update(body).digest('hex');
}


/**
 * The text of store.json. `lineOf` returns the JSON text of one entity (so
 * callers can reuse the text of unchanged entities).
 */
export function serializeDoc(
  version: number,
  u: number,
  settings: unknown,
  collections: Record<DocCollection, readonly object[]>,
  lineOf: (e: object) => string,
): string {
  const parts: string[] = [`"settings":${JSON.stringify(settings)},`];
  for (let c = 0; c < DOC_COLLECTIONS.length; c++) {
    const name = DOC_COLLECTIONS[c]!;
    parts.push(`"${name}":[`);
    const list = collections[name];
    if (list.length > 0) parts.push(list.map(lineOf).join(',\n'));
    parts.push(c === DOC_COLLECTIONS.length - 1 ? ']}' : '],');
  }
  const body = parts.join('\n') + '\n';
  return `{"version":${version},"u":${u},"sum":"${checksum(body)}",\n${body}`;
}

/** The entity without its volatile fields (what store.json keeps). */
export function definitionOf(name: CollectionName, e: object): object {
  const volatile = VOLATILE_FIELDS[name];
  if (!volatile) return e;
  const out: Record<string, unknown> = { ...(e as Record<string, unknown>) };
  for (const f of volatile) delete out[f];
  return out;
}

/** Only the volatile fields of the entity, with its id (what the state journal keeps). */
export function stateOf(name: CollectionName, e: { id: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { id: e.id };
  for (const f of VOLATILE_FIELDS[name] ?? []) {
    const v = (e as unknown as Record<string, unknown>)[f];
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** Shallow equality of two plain records by their JSON (volatile state and definitions are small). */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
