import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A comment line every ~20 s keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 20_000;
/** A client that stops reading is dropped rather than buffered without end; it reconnects. */
const MAX_BUFFERED_BYTES = 1 << 20;

export type SseTarget = Pick<ServerResponse, 'writeHead' | 'write' | 'end' | 'on' | 'writableLength' | 'destroyed' | 'writableEnded'>;

export type SseStream = {
  /** Writes `event: <name>\ndata: <json>\n\n`. */
  send(event: string, data: unknown): void;
  /** Writes `: <text>\n\n` (ignored by EventSource). */
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
};

/**
 * Turns a raw HTTP response into a server-sent event stream: headers, a reconnect hint, a
 * heartbeat, and one `onClose` when either side ends it (timers and listeners are released).
 */
export function openSseStream(res: SseTarget, options: { headers?: OutgoingHttpHeaders; heartbeatMs?: number; onClose?: () => void } = {}): SseStream {
  let closed = false;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.onClose?.();
  };

  const write = (chunk: string) => {
    if (closed || res.destroyed || res.writableEnded) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      stream.close();
      return;
    }
    res.write(chunk);
  };

  res.writeHead(200, {
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and friends must pass events through at once instead of buffering them.
    'x-accel-buffering': 'no',
  });

  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref?.();
  res.on('close', finish);
  res.on('error', finish);

  const stream: SseStream = {
    send(event, data) {
      write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      write(`: ${text.replaceAll('\n', ' ')}\n\n`);
    },
    close() {
      if (closed) return;
      if (!res.writableEnded) res.end();
      finish();
    },
    get closed() {
      return closed;
    },
  };

  // Reconnect after 3 s if the connection drops (EventSource's default is similar but unspecified).
  write('retry: 3000\n\n');
  return stream;
}
