/**
 * What compareText's order depends on besides the strings: the ICU version and data, and the default
 * locale, which ICU takes from $LC_ALL, else $LC_MESSAGES, else $LANG. Two processes with the same key
 * order names the same way, so one can use a list the other sorted (listing.json) without a collator.
 */
export function collationKey(env: NodeJS.ProcessEnv = process.env): string {
  return JSON.stringify([process.versions.icu, process.versions.unicode, env.NODE_ICU_DATA, env.LC_ALL, env.LC_MESSAGES, env.LANG]);
}
