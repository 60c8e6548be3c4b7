/**
 * Reads asked for in one turn of the event loop, answered by ONE load: `load` gets every key
 * asked for since the turn began (in order, duplicates included) and returns one answer per key,
 * in the same order. Under load many requests reach the same step in the same turn (the HTTP
 * parser hands over every socket that had data), so N requests cost one round trip to the
 * database instead of N; alone, a request waits only for the end of its turn (setImmediate).
 *
 * An answer may be a promise of its own (a call that failed alone rejects alone); a failed load
 * fails every call of its batch with the same error. At most `maxBatch` keys go into one load;
 * more are split into further loads of the same turn.
 */
export function turnBatch<K, V>(load: (keys: K[]) => Promise<Array<V | PromiseLike<V>>>, maxBatch = 200): (key: K) => Promise<V> {
  type Waiter = { key: K; resolve: (value: V | PromiseLike<V>) => void; reject: (err: unknown) => void };
  let pending: Waiter[] = [];

  const run = (batch: Waiter[]) => {
    load(batch.map((w) => w.key)).then((values) => {
      if (values.length !== batch.length) throw new Error(`turnBatch: ${batch.length} keys, ${values.length} answers`);
      batch.forEach((w, i) => w.resolve(values[i] as V | PromiseLike<V>));
    }).catch((err: unknown) => {
      for (const w of batch) w.reject(err);
    });
  };

  const flush = () => {
    const all = pending;
    pending = [];
    for (let i = 0; i < all.length; i += maxBatch) run(all.slice(i, i + maxBatch));
  };

  return (key) => new Promise<V>((resolve, reject) => {
    pending.push({ key, resolve, reject });
    if (pending.length === 1) setImmediate(flush);
  });
}
