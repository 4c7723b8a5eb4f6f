/**
 * Reading store.json's text: the parsed document of the current format, or an older format
 * upgraded through the migrations as one whole document, with problems told as sentences that
 * name the file and the fix.
 */
import { StoreError } from '../errors.js';
import { STORE_VERSION } from '../version.js';
import { CheckerNeeded, type Checker } from '../checker.js';
import type { StoreData } from '../schema.js';
import { DOC_COLLECTIONS, parseDocBytes } from './document.js';
import type { DocLines } from './doc-lines.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type Parsed = NonNullable<ReturnType<typeof parseDocBytes>>;

/** The parsed file, or `{ older }` with the whole document of an older format, upgraded. */
export function parseStoreText(file: string, bytes: Buffer, checker: Checker | null): Parsed | { older: StoreData } {
  // a file in the line layout starts with "{"; anything else is decoded to see whether it is blank
  if (bytes[0] !== 0x7b && bytes.toString('utf8').trim() === '') {
    throw new StoreError('invalid-file', `${file} is empty; restore it from a backup or remove it to start a new store.`);
  }
  let parsed: ReturnType<typeof parseDocBytes>;
  try {
    parsed = parseDocBytes(bytes);
  } catch (e) {
    throw notJson(file, e);
  }
  if (!parsed) throw new StoreError('invalid-file', `${file} does not hold a crmscript-tui store (expected a JSON object).`);
  if (parsed.version === STORE_VERSION) return parsed;
  // Older (or newer: migrate() says so) formats go through the migrations as one whole document.
  const raw: Record<string, unknown> = { ...parsed.rest, version: parsed.version, settings: parsed.settings };
  for (const c of DOC_COLLECTIONS) raw[c] = rawsOrThrow(file, parsed.collections[c]);
  if (parsed.version === undefined) delete raw.version;
  if (!checker) throw new CheckerNeeded(file);
  return { older: checker.upgrade(raw, file) };
}

/** Entity `i` of the lines of store.json; `without`: that string field left out (not decoded). */
export function parseLine(file: string, lines: DocLines, i: number, without?: string): unknown {
  try {
    return without === undefined ? lines.entity(i) : lines.entityWithout(i, without);
  } catch (e) {
    throw notJson(file, e);
  }
}

function rawsOrThrow(file: string, part: { raws: unknown[] | null; lines: DocLines | null }): unknown[] {
  if (part.raws) return part.raws;
  const lines = part.lines;
  return lines ? Array.from({ length: lines.length }, (_, i) => parseLine(file, lines, i)) : [];
}

function notJson(file: string, e: unknown): StoreError {
  const why = errorMessage(e);
  return new StoreError('invalid-file', `${file} is not valid JSON (${why}); fix it or restore it from a backup (or remove it to start a new store).`);
}

/** The error for a store.json with `problems` (the first three are named). */
export function invalidStore(file: string, problems: string[]): StoreError {
  const shown = problems.slice(0, 3);
  if (problems.length > 3) shown.push(`and ${problems.length - 3} more problem${problems.length === 4 ? '' : 's'}`);
  return new StoreError('invalid-file', `${file} is not a valid crmscript-tui store: ${shown.join('; ')}.`);
}
