import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '@workdiary/shared';
import {
  BACKUP_TOKEN_HEADER, localUrl, newBackupToken, removeServerControl, serverControlFile, tokenMatches, writeServerControl,
} from '../../db/backup.ts';
import type { App } from '../../lib/types.ts';

/**
 * POST /api/admin/backup: a running server on a PGlite data folder copies it for `pnpm db:backup`
 * (db/backup.ts), which cannot open a folder the server holds. Not a user-facing operation (hidden
 * from the OpenAPI document): no session opens it, only the token this server wrote into
 * `<DATA_DIR>/pglite.server.json` when it started listening. A session must not: the copy holds
 * every organisation on this server, not only the admin's own.
 */
export default async function backupRoutes(app: App) {
  const pglite = app.database.pglite;
  const dataDir = pglite?.dataDir ?? null;
  const token = newBackupToken();
  if (dataDir) {
    const file = serverControlFile(dataDir);
    const remove = () => removeServerControl(file, token);
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (!address || typeof address === 'string') return;
      writeServerControl(file, { pid: process.pid, url: localUrl(address), token });
      // process.exit() without close() must not leave it behind either.
      process.once('exit', remove);
    });
    app.addHook('onClose', async () => {
      process.off('exit', remove);
      remove();
    });
  }

  app.post('/admin/backup', {
    schema: { hide: true },
    config: { access: { public: true } },
  }, async (request, reply) => {
    if (!pglite || !dataDir) {
      throw new AppError('NOT_FOUND', 'This server has no data folder to copy: on PostgreSQL, pnpm db:backup runs pg_dump.');
    }
    if (!tokenMatches(request.headers[BACKUP_TOKEN_HEADER], token)) {
      throw new AppError('FORBIDDEN', `A backup needs this server's token (${serverControlFile(dataDir)}): run pnpm db:backup on the server's machine.`);
    }
    const started = Date.now();
    const dump = await pglite.dump();
    request.log.info({ bytes: dump.size, ms: Date.now() - started }, 'database backup copied');
    return reply
      .header('content-type', 'application/gzip')
      .header('content-length', String(dump.size))
      .header('cache-control', 'no-store')
      .send(Readable.fromWeb(dump.stream() as WebReadableStream<Uint8Array>));
  });
}
