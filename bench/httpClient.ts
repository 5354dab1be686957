/**
 * A lean HTTP/1.1 keep-alive connection for load generators: one request at a time, the request
 * written in one piece, the response read by its Content-Length. The load generators share the
 * machine with the server they measure, so every microsecond they spend counts against it;
 * Node's `http` client spends several times more per request than this.
 */
import net from 'node:net';

export interface Response {
  status: number;
  body: Buffer;
}

const HEADER_END = Buffer.from('\r\n\r\n');

export class Connection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve(r: Response): void; reject(err: Error): void; noBody: boolean } | null = null;

  constructor(private readonly target: URL) {
    if (target.protocol !== 'http:') throw new Error(`http: only, not ${target.protocol}`);
  }

  /** Sends one request and resolves with the whole response; rejects on a connection error. */
  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    if (this.pending) throw new Error('one request at a time per connection');
    const head = [`${method} ${path} HTTP/1.1`, `host: ${this.target.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (body !== undefined) head.push(`content-length: ${Buffer.byteLength(body)}`);
    const socket = this.socket ?? this.connect();
    return new Promise<Response>((resolve, reject) => {
      this.pending = { resolve, reject, noBody: method === 'HEAD' };
      socket.write(`${head.join('\r\n')}\r\n\r\n${body ?? ''}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: this.target.hostname, port: Number(this.target.port || 80), noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      try {
        this.parse();
      } catch (err) {
        socket.destroy(err as Error);
      }
    });
    const fail = (err: Error) => {
      if (this.socket !== socket) return; // an earlier connection, already let go
      this.socket = null;
      this.buffered = Buffer.alloc(0);
      const pending = this.pending;
      this.pending = null;
      pending?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed before the response ended')));
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    if (!this.pending) {
      if (this.buffered.length > 0) throw new Error('bytes arrived with no request pending');
      return;
    }
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0) return;
    const lines = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!)?.[1]);
    if (!status) throw new Error(`not an HTTP/1.1 status line: ${lines[0]}`);
    let length: number | null = null;
    let close = false;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') throw new Error(`transfer-encoding ${value} is not supported here`);
      else if (name === 'connection' && value.toLowerCase() === 'close') close = true;
    }
    const bodyless = this.pending.noBody || status === 204 || status === 304 || status < 200;
    if (!bodyless && length === null) throw new Error(`status ${status} came without Content-Length`);
    const total = end + HEADER_END.length + (bodyless ? 0 : length!);
    if (this.buffered.length < total) return;
    const body = this.buffered.subarray(end + HEADER_END.length, total);
    const { resolve } = this.pending;
    this.pending = null;
    this.buffered = this.buffered.subarray(total);
    if (close) this.close();
    resolve({ status, body });
  }
}
