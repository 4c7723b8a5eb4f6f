// Milliseconds on the monotonic clock, for durations. `performance.now()` reads the same clock,
// but its first use in a thread loads Node's perf_hooks (nine internal modules, about a
// millisecond and a half of a run worker's start), which a run's duration does not need.

/** Now, in milliseconds on the monotonic clock (only differences mean anything). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
