/** Which setting names a PostgreSQL store (kept apart from the store's code so that checking costs nothing). */

/** True for a PostgreSQL connection URL. */
export function isPostgresUrl(s: string | undefined): s is string {
  return !!s && /^postgres(ql)?:\/\//i.test(s.trim());
}

/** The store URL from the environment ($CRMSCRIPT_TUI_STORE), if it names PostgreSQL. */
export function storeUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.CRMSCRIPT_TUI_STORE?.trim();
  return isPostgresUrl(v) ? v : undefined;
}
