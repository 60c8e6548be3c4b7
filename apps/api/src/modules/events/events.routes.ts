import type { OutgoingHttpHeaders } from 'node:http';
import { LIVE_EVENT_TYPES } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { openSseStream, type SseStream } from './sse.ts';

/**
 * GET /api/events: one server-sent event stream per browser tab, carrying the live events of the
 * caller's organisation (timer started/stopped, entries changed, settings changed). Authenticated
 * like every /api route (the session cookie works for EventSource).
 */
export default async function eventsRoutes(app: App) {
  const open = new Set<SseStream>();
  // Streams never end by themselves: close them so the server can shut down.
  app.addHook('preClose', async () => {
    for (const stream of open) stream.close();
  });

  app.get('/events', {
    schema: {
      tags: ['events'],
      summary: 'Server-sent events of the organisation: `event: <type>` + `data: <json>`, heartbeat comments every 20 s',
      description:
        `Event types: ${LIVE_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}. \`ready\` is sent after every (re)connect of the stream; ` +
        '`resync` when events may have been missed (this instance\'s LISTEN connection to PostgreSQL dropped and is back): ' +
        'a client refetches everything it shows after either.',
    },
  }, async (request, reply) => {
    const { orgId } = request.auth;
    reply.hijack();
    let unsubscribe = () => {};
    const stream = openSseStream(reply.raw, {
      // Helmet's headers were set on the reply; a hijacked reply sends none of them by itself.
      headers: { ...(reply.getHeaders() as OutgoingHttpHeaders), 'x-server-time': String(Date.now()) },
      onClose: () => {
        unsubscribe();
        open.delete(stream);
      },
    });
    if (stream.closed) return reply;
    open.add(stream);
    unsubscribe = app.events.subscribe(orgId, (event) => stream.send(event.type, event));
    stream.send('ready', { serverTime: app.now().toISOString() });
    return reply;
  });
}
