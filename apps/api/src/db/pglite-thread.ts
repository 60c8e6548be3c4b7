import { Worker } from 'node:worker_threads';
import { messages, types, type Results } from '@electric-sql/pglite';

/**
 * The embedded engine in a worker thread of its own (pglite-worker.mjs), behind the part of PGlite's
 * interface the server uses (db/engine.ts, Prisma's PGlite adapter): `query`, `exec`,
 * `transaction`, `dumpDataDir`, `close`.
 *
 * Why: PGlite runs each statement synchronously on the thread that calls it. In the server's
 * thread a year's report (1.1M day figures) held the event loop 5.9 s, a month by day 140 ms, an
 * import's 250-row INSERT 0.2 s: no other request was answered meanwhile. Here the statement holds
 * the worker; the server's thread only parses the answer, a part at a time.
 *
 * How:
 * - Every statement is a message; the worker answers with the rows as PGlite's text (`asText`).
 *   This side parses them with PGlite's parsers (its defaults, the array types the worker
 *   reported, and the caller's own, as Prisma's adapter passes), exactly as PGlite would in
 *   process, so callers see the same values.
 * - A long answer comes in parts of `chunkRows` rows: the next part is asked for on a later turn of
 *   the event loop (setImmediate), so parsing 376,000 rows does not hold it either.
 * - A transaction is a `begin` message: the worker opens PGlite's transaction and keeps it open
 *   until `commit` or `abort`; its statements carry its id and run in order. Statements outside it
 *   wait for it in the worker, as they would in process (PGlite's transaction lock).
 * - An error comes back as its fields; a database error is rebuilt as PGlite's `DatabaseError`
 *   (Prisma's adapter tells them by class: unique violations become P2002 and so on).
 * - If the worker dies (the engine aborted), every waiting call and every later one fails with
 *   that reason; nothing is retried.
 */
export type PgliteThreadOptions = {
  dataDir?: string;
  /** A data folder as a tarball (PGlite's loadDataDir): a new folder's fresh cluster, a test's snapshot. */
  loadDataDir?: Blob;
  /** PostgreSQL settings after PGlite's defaults, e.g. ['-c', 'shared_buffers=32MB']. */
  extraStartParams?: string[];
  /** Rows per part of an answer (default 5,000). */
  chunkRows?: number;
};

type Field = { name: string; dataTypeID: number };
type Parser = (value: string, typeId?: number) => unknown;
type QueryOptions = { rowMode?: 'array' | 'object'; parsers?: Record<number, Parser> };
type WireResult = { fields?: Field[]; affectedRows?: number; rowCount?: number; command?: string; rows: (string | null)[][]; more: boolean };
type WireError = { message: string; name: string; length?: number; database: boolean; stack?: string; fields: Record<string, string | number> };
type Reply = { id: number; ok: boolean; result?: WireResult; results?: Omit<WireResult, 'more'>[]; buffer?: ArrayBuffer; error?: WireError };
type Message = { op: string; sql?: string; params?: unknown[]; tx?: number; compression?: string };

export type PgliteTransaction = {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
};

const DEFAULT_CHUNK_ROWS = 5_000;

function rebuildError(error: WireError): Error {
  let err: Error;
  if (error.database) err = new messages.DatabaseError(error.message, error.length ?? 0, 'error');
  else {
    err = new Error(error.message);
    err.name = error.name;
  }
  Object.assign(err, error.fields);
  // The worker's stack says where the engine failed; the caller's is more use: keep both.
  if (error.stack) err.stack = `${err.stack}\n    --- in the PGlite thread ---\n${error.stack.split('\n').slice(1).join('\n')}`;
  return err;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (err: Error) => void }>();
  readonly #parsers: Record<number, Parser> = { ...(types.parsers as Record<number, Parser>) };
  readonly #merged = new WeakMap<Record<number, Parser>, Record<number, Parser>>();
  #outbox: ({ id: number } & Message)[] = [];
  #next = 1;
  #nextTx = 1;
  #failure: Error | null = null;
  #closed = false;

  private constructor(worker: Worker, arrays: { oid: number; typarray: number }[]) {
    this.#worker = worker;
    // As PGlite's _initArrayTypes: an array type is parsed element by element with its element's parser.
    for (const { oid, typarray } of arrays) {
      this.#parsers[typarray] = (value: string) => types.arrayParser(value, this.#parsers[oid] as Parser, typarray);
    }
    worker.on('message', (replies: Reply[]) => {
      for (const reply of replies) {
        const waiting = this.#waiting.get(reply.id);
        if (!waiting) continue;
        this.#waiting.delete(reply.id);
        if (reply.ok) waiting.resolve(reply);
        else waiting.reject(rebuildError(reply.error!));
      }
      if (this.#waiting.size === 0) worker.unref();
    });
    const fail = (err: Error) => {
      if (this.#closed) return; // close() ended it
      this.#failure ??= err;
      this.#closed = true;
      for (const waiting of this.#waiting.values()) waiting.reject(this.#failure);
      this.#waiting.clear();
    };
    worker.on('error', (err) => fail(new Error(`the embedded database stopped: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => fail(new Error(`the embedded database's thread ended (exit code ${code})`)));
    // An idle thread does not keep the process alive (PGlite in process does not either); a call does.
    worker.unref();
  }

  static async start(options: PgliteThreadOptions = {}): Promise<PgliteThread> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: {
        dataDir: options.dataDir, loadDataDir, loadDataDirType: options.loadDataDir?.type ?? '',
        extraStartParams: options.extraStartParams ?? [], chunkRows: options.chunkRows ?? DEFAULT_CHUNK_ROWS,
      },
      transferList: loadDataDir ? [loadDataDir] : [],
    });
    const arrays = await new Promise<{ oid: number; typarray: number }[]>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the embedded database's thread ended while starting (exit code ${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (msg: { ready: boolean; arrays?: { oid: number; typarray: number }[]; error?: WireError }) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (msg.ready) resolve(msg.arrays!);
        else reject(rebuildError(msg.error!));
      });
    });
    return new PgliteThread(worker, arrays);
  }

  get closed(): boolean {
    return this.#closed;
  }

  #call(message: Message, id = this.#next++): Promise<Reply> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error('PGlite is closed'));
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      // Sent together with the others of this turn (see #flush).
      if (this.#outbox.length === 0) queueMicrotask(this.#flush);
      this.#outbox.push({ id, ...message });
    });
  }

  /** The statements asked for in one turn go to the thread as one message: one wake-up there, not one each. */
  readonly #flush = () => {
    const batch = this.#outbox;
    this.#outbox = [];
    if (!this.#failure) this.#worker.postMessage(batch);
  };

  /** An answer's rows, parsed part by part; each later part asked for on a later turn of the event loop. */
  async #results<T>(reply: Reply, options: QueryOptions): Promise<Results<T>> {
    const first = reply.result!;
    const fields = first.fields ?? [];
    const parse = this.#rowParser(fields, options);
    const rows = first.rows.map(parse);
    let part = first;
    while (part.more) {
      await new Promise((resolve) => setImmediate(resolve));
      part = (await this.#call({ op: 'more' }, reply.id)).result!;
      for (const row of part.rows) rows.push(parse(row));
    }
    return { rows: rows as T[], fields, affectedRows: first.affectedRows, ...(first.rowCount === undefined ? {} : { rowCount: first.rowCount }) } as Results<T>;
  }

  /** The engine's parsers with a caller's own on top, merged once per set (Prisma's adapter passes the same one on every statement). */
  #withParsers(own: Record<number, Parser>): Record<number, Parser> {
    let merged = this.#merged.get(own);
    if (!merged) {
      merged = { ...this.#parsers, ...own };
      this.#merged.set(own, merged);
    }
    return merged;
  }

  #rowParser(fields: Field[], options: QueryOptions): (row: (string | null)[]) => unknown {
    const parsers = options.parsers ? this.#withParsers(options.parsers) : this.#parsers;
    const byColumn = fields.map((field) => parsers[field.dataTypeID]);
    const typeIds = fields.map((field) => field.dataTypeID);
    const value = (row: (string | null)[], i: number) => {
      const text = row[i] ?? null;
      const parser = byColumn[i];
      return text === null ? null : parser ? parser(text, typeIds[i]!) : text;
    };
    if (options.rowMode === 'array') return (row) => row.map((_, i) => value(row, i));
    const names = fields.map((field) => field.name);
    return (row) => {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) object[names[i]!] = value(row, i);
      return object;
    };
  }

  async #query<T>(tx: number | undefined, sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<Results<T>> {
    return this.#results<T>(await this.#call({ op: 'query', sql, params, tx }), options);
  }

  async #exec(tx: number | undefined, sql: string, options: QueryOptions = {}): Promise<Results[]> {
    const reply = await this.#call({ op: 'exec', sql, tx });
    return reply.results!.map((result) => {
      const parse = this.#rowParser(result.fields ?? [], options);
      return { ...result, fields: result.fields ?? [], rows: result.rows.map(parse) } as Results;
    });
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#query<T>(undefined, sql, params, options);
  }

  exec(sql: string, options?: QueryOptions): Promise<Results[]> {
    return this.#exec(undefined, sql, options);
  }

  async transaction<T>(fn: (tx: PgliteTransaction) => Promise<T>): Promise<T> {
    const id = this.#nextTx++;
    await this.#call({ op: 'begin', tx: id });
    let closed = false;
    const open = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const tx: PgliteTransaction = {
      query: async <R>(sql: string, params?: unknown[], options?: QueryOptions) => (open(), this.#query<R>(id, sql, params, options)),
      exec: async (sql: string, options?: QueryOptions) => (open(), this.#exec(id, sql, options)),
      rollback: async () => {
        open();
        await this.#call({ op: 'rollback', tx: id });
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      closed = true;
      await this.#call({ op: 'abort', tx: id }).catch(() => undefined);
      throw err;
    }
    closed = true;
    await this.#call({ op: 'commit', tx: id });
    return result;
  }

  /** The data folder as a tarball (PGlite's dumpDataDir), made in the thread between two statements. */
  async dumpDataDir(compression: 'gzip' | 'none' = 'gzip'): Promise<Blob> {
    const reply = await this.#call({ op: 'dump', compression });
    return new Blob([reply.buffer!], { type: compression === 'gzip' ? 'application/gzip' : 'application/x-tar' });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#call({ op: 'close' });
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }
}
