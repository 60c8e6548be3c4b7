// A minimal HTTP/1.1 client for load generators: one keep-alive socket per virtual user, one
// request at a time on it, the response read by its Content-Length (or chunked encoding) without
// building header objects. It costs the generator a fraction of node:http's client per request,
// so on a 2-core machine the generator takes less of the CPU that server and database share, and
// a fast reference (a hello-world) is measured rather than the generator's own limit.
import net from 'node:net';

export type Reply = { status: number; body: Buffer; ms: number };

const HEADER_END = Buffer.from('\r\n\r\n');

/** A chunked body once it has fully arrived (its end in `buf` and its bytes), else null. */
function chunkedEnd(buf: Buffer, from: number): { end: number; body: Buffer } | null {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
    const dataStart = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = buf.indexOf('\r\n', dataStart);
      return trailerEnd < 0 ? null : { end: trailerEnd + 2, body: Buffer.concat(parts) };
    }
    if (buf.length < dataStart + size + 2) return null;
    parts.push(buf.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}

export class Connection {
  private socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve: (r: Reply) => void; reject: (e: Error) => void; t: number } | null = null;

  constructor(private readonly port: number, private readonly host = '127.0.0.1') {
    this.socket = this.open();
  }

  private open(): net.Socket {
    const socket = net.connect({ port: this.port, host: this.host, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
      this.parse();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed')));
    return socket;
  }

  private fail(err: Error) {
    const p = this.pending;
    this.pending = null;
    this.buf = Buffer.alloc(0);
    p?.reject(err);
  }

  private parse() {
    const p = this.pending;
    if (!p) return;
    const headEnd = this.buf.indexOf(HEADER_END);
    if (headEnd < 0) return;
    const head = this.buf.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const bodyStart = headEnd + 4;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let end: number;
    let body: Buffer;
    if (length) {
      end = bodyStart + Number(length[1]);
      if (this.buf.length < end) return;
      body = this.buf.subarray(bodyStart, end);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const chunked = chunkedEnd(this.buf, bodyStart);
      if (!chunked) return;
      ({ end, body } = chunked);
    } else {
      end = bodyStart;
      body = Buffer.alloc(0);
    }
    this.buf = this.buf.subarray(end);
    this.pending = null;
    p.resolve({ status, body, ms: performance.now() - p.t });
  }

  /** One request; the next one waits for its answer (one in flight per connection, like a user). */
  request(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    if (this.socket.destroyed) this.socket = this.open();
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\nconnection: keep-alive\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (body !== undefined) head += `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    head += '\r\n';
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject, t: performance.now() };
      this.socket.write(body === undefined ? head : head + body);
    });
  }

  close() {
    this.socket.destroy();
  }
}
