/**
 * Long synchronous work on big answers (a year's report by customer × user: ~380,000 groups) in
 * slices, with a turn of the event loop between them, so timers and other requests' I/O run in
 * between: no single stretch blocks the loop for long (bench/reports.ts measures the longest).
 */

/** Gives the event loop one turn (after pending I/O callbacks and timers). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Items per slice: ~10 ms of the cheap per-item work done here on a busy core. */
export const SLICE = 5_000;

/** Calls `fn` for each item, yielding to the loop after every `SLICE` items. */
export async function forEachSliced<T>(items: readonly T[], fn: (item: T, index: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    fn(items[i] as T, i);
    if ((i + 1) % SLICE === 0) await yieldToLoop();
  }
}
