// The smallest shared pieces of the commands (no store, no catalogs), so that `run FILE` starts
// without loading what it does not use. common.ts re-exports them.

export interface GlobalOptions {
  dataDir?: string;
  /** A postgres:// URL: the store is in PostgreSQL (also $CRMSCRIPT_TUI_STORE). */
  store?: string;
}

/** commander collector for repeatable `--x name=value` options. */
export function collectPairs(value: string, acc: Record<string, string>): Record<string, string> {
  const i = value.indexOf('=');
  if (i <= 0) throw new Error(`expected name=value, got '${value}'`);
  return { ...acc, [value.slice(0, i)]: value.slice(i + 1) };
}

/** commander collector for repeatable `--x name=value` options whose names may repeat. */
export function collectPairList(value: string, acc: [string, string][]): [string, string][] {
  const [pair] = Object.entries(collectPairs(value, {}));
  return [...acc, pair!];
}

/** Marks the command as failed without cutting off output that is still being written. */
export function fail(): void {
  process.exitCode = 1;
}
