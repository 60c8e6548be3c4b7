// The embedded engine's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs each statement
// synchronously on the thread that calls it, so in the server's thread a year's report held the
// event loop for 5.9 s and an import's INSERT for 0.2 s. Here it holds this thread instead.
// db/pglite-thread.ts is the other side and documents the messages. Plain JavaScript on purpose,
// so it runs the same under tsx, Vitest and the compiled server (build.mjs copies it beside it).
import { setImmediate } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, messages, types } from '@electric-sql/pglite';

const { dataDir, loadDataDir, loadDataDirType, extraStartParams, chunkRows } = workerData;

/**
 * The tarball received from the server's thread as what PGlite reads it through: its arrayBuffer()
 * and its type (gzip or not). A Blob made of it here cost ~120 ms to make and ~260 ms to read back
 * for a 42 MB data folder (Node 20 reads a Blob in small parts and joins them), a third of
 * PGlite's own start from it; these are the bytes already here.
 */
const tarball = (bytes, type) => ({ type, size: bytes.byteLength, arrayBuffer: async () => bytes });

/** PGlite's own query for the array types it parses (its _initArrayTypes): the other side builds the same parsers. */
const ARRAY_TYPES_SQL = `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a
  LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem WHERE a.typcategory = 'A'
  GROUP BY b.oid, b.typarray ORDER BY b.oid`;

/** @type {PGlite} */
let pg;
/** Every type PGlite would parse, left as its text: the values are parsed on the other side, with the caller's parsers. */
const asText = {};
const identity = (x) => x;
const ROWS_AS_ARRAYS = { rowMode: 'array' };
/** Open transactions: id → { tx, commit, abort, done, chain }. */
const transactions = new Map();
/** Rows of an answer not yet taken: id → { rows, offset }. */
const rest = new Map();

const ERROR_FIELDS = ['severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine', 'query'];

function errorOf(err) {
  if (!(err instanceof Error)) return { message: String(err), name: 'Error', database: false, fields: {} };
  const fields = {};
  for (const key of ERROR_FIELDS) if (typeof err[key] === 'string' || typeof err[key] === 'number') fields[key] = err[key];
  return { message: err.message, name: err.name, length: err.length, database: err instanceof messages.DatabaseError, stack: err.stack, fields };
}

/**
 * Replies are sent together: those ready in the same turn go as one message (a statement's answer
 * often comes with others' under load), which costs one wake-up of the server's thread, not one each.
 */
let outbox = [];
let outboxTransfer = [];
function flush() {
  const batch = outbox;
  const transfer = outboxTransfer;
  outbox = [];
  outboxTransfer = [];
  parentPort.postMessage(batch, transfer);
}
function reply(id, body, transfer) {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push({ id, ...body });
  if (transfer) outboxTransfer.push(...transfer);
}

/** The first part of an answer; the rest waits here for `more`. */
function answer(id, result) {
  const { rows, fields, affectedRows, rowCount, command } = result;
  const head = rows.length > chunkRows ? rows.slice(0, chunkRows) : rows;
  if (head !== rows) rest.set(id, { rows, offset: head.length });
  reply(id, { ok: true, result: { fields, affectedRows, rowCount, command, rows: head, more: head !== rows } });
}

function more(id) {
  const part = rest.get(id);
  if (!part) return reply(id, { ok: false, error: errorOf(new Error('no more rows for this answer')) });
  const rows = part.rows.slice(part.offset, part.offset + chunkRows);
  part.offset += rows.length;
  const done = part.offset >= part.rows.length;
  if (done) rest.delete(id);
  reply(id, { ok: true, result: { rows, more: !done } });
}

/** Runs one statement (query) or script (exec) on PGlite or on an open transaction. */
async function run(target, msg) {
  if (msg.op === 'query') return answer(msg.id, await target.query(msg.sql, msg.params, ROWS_AS_ARRAYS));
  const results = await target.exec(msg.sql, ROWS_AS_ARRAYS);
  reply(msg.id, { ok: true, results: results.map(({ rows, fields, affectedRows, rowCount, command }) => ({ rows, fields, affectedRows, rowCount, command })) });
}

function begin(msg) {
  let commit;
  let abort;
  const settled = new Promise((resolve, reject) => {
    commit = resolve;
    abort = reject;
  });
  let opened = false;
  const done = pg.transaction(async (tx) => {
    opened = true;
    transactions.set(msg.tx, { tx, commit, abort, done, chain: Promise.resolve() });
    reply(msg.id, { ok: true });
    await settled;
  });
  done.catch((err) => {
    // BEGIN itself failed: the caller is still waiting for its answer.
    if (!opened) reply(msg.id, { ok: false, error: errorOf(err) });
  });
  return done;
}

/** A transaction's statements, rollback and end run one after another, in the order they were sent. */
function inTransaction(msg) {
  const open = transactions.get(msg.tx);
  if (!open) return reply(msg.id, { ok: false, error: errorOf(new Error('Transaction is closed')) });
  open.chain = open.chain.then(async () => {
    try {
      if (msg.op === 'rollback') {
        await open.tx.rollback();
        return reply(msg.id, { ok: true });
      }
      if (msg.op === 'commit' || msg.op === 'abort') {
        transactions.delete(msg.tx);
        if (msg.op === 'commit') open.commit();
        else open.abort(new Error('aborted by the caller'));
        try {
          await open.done;
        } catch (err) {
          if (msg.op === 'commit') throw err;
        }
        return reply(msg.id, { ok: true });
      }
      await run(open.tx, msg);
    } catch (err) {
      reply(msg.id, { ok: false, error: errorOf(err) });
    }
  });
}

async function handle(msg) {
  try {
    switch (msg.op) {
      case 'more':
        return more(msg.id);
      case 'begin':
        return void begin(msg).catch(() => undefined);
      case 'dump': {
        const buffer = await (await pg.dumpDataDir(msg.compression)).arrayBuffer();
        return reply(msg.id, { ok: true, buffer }, [buffer]);
      }
      case 'close':
        await pg.close();
        return reply(msg.id, { ok: true });
      default:
        if (msg.tx !== undefined) return inTransaction(msg);
        return await run(pg, msg);
    }
  } catch (err) {
    reply(msg.id, { ok: false, error: errorOf(err) });
  }
}

try {
  pg = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? tarball(loadDataDir, loadDataDirType) : undefined,
    startParams: [...PGlite.defaultStartParams, ...extraStartParams],
  });
  const arrays = (await pg.query(ARRAY_TYPES_SQL)).rows;
  for (const oid of Object.keys(types.parsers)) asText[oid] = identity;
  for (const { typarray } of arrays) asText[typarray] = identity;
  // The instance's own parsers, not a per-query option: PGlite merges an option's parsers into its
  // own (a copy of some 200 entries) on every statement, which took about half of a small query.
  pg.parsers = asText;
  parentPort.on('message', (batch) => {
    for (const msg of batch) void handle(msg);
  });
  parentPort.postMessage({ ready: true, arrays });
} catch (err) {
  parentPort.postMessage({ ready: false, error: errorOf(err) });
}
