/** What a running task's run record shows of its output while it runs (the scheduler refreshes it). */

/** How much live output a running run's record keeps, and how often it is refreshed. */
export const LIVE_OUTPUT_CHARS = 8192;
export const LIVE_OUTPUT_EVERY_MS = 1000;

/** The output so far, or its latest whole lines when it is long (the end result replaces it). */
export function liveOutput(chunks: string[]): string {
  const all = chunks.join('');
  if (all.length <= LIVE_OUTPUT_CHARS) return all;
  const tail = all.slice(-LIVE_OUTPUT_CHARS);
  const nl = tail.indexOf('\n');
  return `… (earlier output left out)\n${nl >= 0 ? tail.slice(nl + 1) : tail}`;
}
