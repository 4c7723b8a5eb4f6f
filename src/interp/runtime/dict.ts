// Lookup tables and records whose keys come from scripts (header names, entity names, code page
// names): without a prototype, so that "constructor" or "__proto__" are plain missing keys and
// never reach JavaScript's Object.prototype.

/** A null-prototype copy of `entries` (or an empty one). */
export function dict<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
