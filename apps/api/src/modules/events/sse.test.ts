import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, openSseStream, type SseTarget } from './sse.ts';

/** Just enough of a ServerResponse to watch what the stream writes. */
function fakeResponse() {
  const emitter = new EventEmitter();
  const res = {
    status: 0,
    headers: {} as Record<string, unknown>,
    chunks: [] as string[],
    writableLength: 0,
    destroyed: false,
    writableEnded: false,
    writeHead(status: number, headers: Record<string, unknown>) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    write(chunk: string) {
      res.chunks.push(chunk);
      return true;
    },
    end() {
      res.writableEnded = true;
      emitter.emit('close');
      return res;
    },
    on(event: string, fn: () => void) {
      emitter.on(event, fn);
      return res;
    },
    emit: (event: string) => emitter.emit(event),
  };
  return res;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('openSseStream', () => {
  it('writes the event-stream headers, a retry hint, events and comments in the SSE format', () => {
    const res = fakeResponse();
    const stream = openSseStream(res as unknown as SseTarget, { headers: { 'x-frame-options': 'DENY' } });
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-frame-options': 'DENY' });
    stream.send('timer.started', { type: 'timer.started', userId: 'u1' });
    stream.comment('hello\nworld');
    expect(res.chunks).toEqual(['retry: 3000\n\n', 'event: timer.started\ndata: {"type":"timer.started","userId":"u1"}\n\n', ': hello world\n\n']);
    stream.close();
  });

  it(`sends a heartbeat comment every ${HEARTBEAT_MS / 1000} s and stops it, once, when the client goes away`, () => {
    vi.useFakeTimers();
    const res = fakeResponse();
    const onClose = vi.fn();
    openSseStream(res as unknown as SseTarget, { onClose });
    vi.advanceTimersByTime(HEARTBEAT_MS - 1);
    expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(0);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
    res.emit('close');
    res.emit('close');
    expect(onClose).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(HEARTBEAT_MS * 3);
    expect(res.chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops a client that stopped reading instead of buffering without end', () => {
    const res = fakeResponse();
    const onClose = vi.fn();
    const stream = openSseStream(res as unknown as SseTarget, { onClose });
    res.writableLength = 2 << 20;
    stream.send('x', {});
    expect(res.writableEnded).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(stream.closed).toBe(true);
  });
});
