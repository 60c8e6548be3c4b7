import type { Socket } from 'node:net';
import { checkServerEnv, readEnv, type Env } from './config/env.ts';
import type { Database } from './db/engine.ts';
import { openFromEnv, resolveJwtSecret } from './db/open.ts';
import { errorText } from './lib/error-text.ts';
import type { EventBus } from './lib/events.ts';
import type { App } from './lib/types.ts';

/** A start-up error the operator can act on: printed as one message, no stack trace. */
function fail(err: unknown): never {
  console.error(`\n✖ ${errorText(err)}\n`);
  process.exit(1);
}

let env: Env;
try {
  env = readEnv();
  checkServerEnv(env);
} catch (err) {
  fail(err);
}

// Opening the database (PGlite: loading its WebAssembly and data folder) overlaps with loading
// the application's modules, the two slow parts of a start.
const databaseOpening = openFromEnv(env);
databaseOpening.catch(() => undefined);
const [{ buildApp }, { prepareDatabase, startupBanner }] = await Promise.all([import('./app.ts'), import('./startup.ts')]);
const database: Database = await databaseOpening.catch(fail);
const prepared = await prepareDatabase(database, env).catch(async (err: unknown) => {
  await database.close();
  return fail(err);
});

// The bus is made before the app (the app takes it) but only logs later, through the app's logger.
const started: { app?: App } = {};
// Several instances may share a PostgreSQL database: live events go through LISTEN/NOTIFY there.
const events: EventBus | undefined = env.DATABASE_URL
  ? await (await import('./lib/pg-events.ts')).createPgEventBus({
    url: env.DATABASE_URL,
    sql: database.unscoped,
    log: { warn: (obj, msg) => started.app?.log.warn(obj, msg), error: (obj, msg) => started.app?.log.error(obj, msg) },
  }).catch(fail)
  : undefined;
const server: App = await buildApp({ database, env, jwtSecret: resolveJwtSecret(env), events, logger: { level: env.LOG_LEVEL } });
started.app = server;

// Connections open now, for the shutdown's sweep (below).
const connections = new Set<Socket>();
server.server.on('connection', (socket: Socket) => {
  connections.add(socket);
  socket.once('close', () => connections.delete(socket));
});
/**
 * Closes the connections with nothing to answer: idle keep-alive ones (Node's own rule), and
 * those that never sent a byte (a balancer's or browser's spare connection), which Node would
 * otherwise keep until its request timeout.
 */
function closeIdleConnections() {
  server.server.closeIdleConnections();
  for (const socket of connections) if (socket.bytesRead === 0) socket.destroy();
}

let stopping = false;
/**
 * Graceful stop, for a load balancer in front:
 * 1. /api/ready answers 503 at once, while the server keeps accepting and answering requests for
 *    SHUTDOWN_DRAIN_MS (the balancer notices and sends no more; requests already on their way
 *    are served, not reset). Responses now carry `Connection: close` (app.ts).
 * 2. Then the listener closes, idle keep-alive connections are closed (and every connection that
 *    turns idle later), open SSE streams are ended (browsers reconnect elsewhere), requests still
 *    running finish, the database is closed: exit 0.
 * SHUTDOWN_GRACE_MS (from the signal on) is the hard cap: then the process exits 1 anyway.
 * A fatal error (exit code 1) skips the drain.
 */
async function shutdown(reason: string, exitCode: number) {
  if (stopping) {
    if (reason === 'SIGINT' || reason === 'SIGTERM') process.exit(exitCode || 1); // a second signal: now
    return;
  }
  stopping = true;
  server.lifecycle.draining = true;
  const drainMs = exitCode === 0 ? env.SHUTDOWN_DRAIN_MS : 0;
  server.log.info({ reason, drainMs }, 'shutting down: /api/ready answers 503; still accepting requests for the drain window');
  const force = setTimeout(() => {
    server.log.error({ graceMs: env.SHUTDOWN_GRACE_MS }, 'requests still open after the grace period; exiting anyway');
    process.exit(exitCode || 1);
  }, env.SHUTDOWN_GRACE_MS);
  force.unref();
  let sweep: NodeJS.Timeout | undefined;
  try {
    if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
    server.log.info({ reason }, 'drain window over: closing the listener');
    // Fastify's close closes the keep-alive connections idle at that moment (forceCloseConnections:
    // 'idle'), not those that never sent a request, nor one whose last response goes out later:
    // each would stay open until its timeout (30 or 65 s) and hold the process to the grace period.
    const closing = server.close();
    closeIdleConnections();
    sweep = setInterval(closeIdleConnections, 100);
    await closing;
    await database.close();
  } catch (err) {
    server.log.error({ err }, 'error while shutting down');
    exitCode ||= 1;
  } finally {
    clearInterval(sweep);
  }
  process.exit(exitCode);
}
process.on('SIGINT', () => void shutdown('SIGINT', 0));
process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
// A rejection nobody handled means state we know nothing about: log it, stop cleanly, exit 1.
process.on('unhandledRejection', (reason) => {
  server.log.fatal({ err: reason }, 'unhandled promise rejection');
  void shutdown('unhandledRejection', 1);
});
process.on('uncaughtException', (err) => {
  server.log.fatal({ err }, 'uncaught exception');
  void shutdown('uncaughtException', 1);
});

await server.listen({ port: env.PORT, host: env.HOST });
console.log(await startupBanner(database, env, prepared));

// PGlite runs no autovacuum: the planner's statistics of the hours' tables are kept up by the
// server, a minute after start and then hourly (db/statistics.ts analyzeStale). Never while stopping.
if (database.kind === 'pglite') {
  const { analyzeStale } = await import('./db/statistics.ts');
  const analyze = () => {
    if (stopping) return;
    analyzeStale(database)
      .then((tables) => { if (tables.length > 0) server.log.info({ tables }, 'planner statistics refreshed (PGlite runs no autovacuum)'); })
      .catch((err: unknown) => server.log.warn({ err }, 'could not refresh the planner statistics'));
  };
  setTimeout(analyze, 60_000).unref();
  setInterval(analyze, 60 * 60_000).unref();
}
