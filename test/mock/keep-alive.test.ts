/**
 * The mock over real HTTP/1.1 on one socket: a refused large body (413) leaves the connection
 * usable for the next request, or closes it cleanly with `Connection: close`, never with a reset.
 * A raw `net` socket writes the requests by hand, so nothing pools or retries behind the test.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/mock/index.js';
import { type RunningMock, listen } from '../../src/mock/node-server.js';
import { fixedNow } from './helpers.js';

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** One client connection: writes requests by hand and reads `Content-Length` responses in order. */
class Connection {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  /** Set when the socket failed (e.g. ECONNRESET, EPIPE). */
  error: Error | undefined;
  closed = false;
  readonly socket: net.Socket;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    this.socket.on('error', (error) => {
      this.error = error;
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** Whether a complete response head has arrived (the client stops sending a body then). */
  get answered(): boolean {
    return this.buffer.includes('\r\n\r\n');
  }

  /** Writes, waiting for the socket to drain; false once the socket failed or closed. */
  async write(data: string | Buffer): Promise<boolean> {
    if (this.error || this.closed || this.socket.destroyed) return false;
    if (!this.socket.write(data)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
    return !this.error && !this.closed;
  }

  /** The next whole response on this connection. */
  async read(): Promise<RawResponse> {
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine = '', ...lines] = this.buffer
          .subarray(0, end)
          .toString('latin1')
          .split('\r\n');
        const headers = new Map(
          lines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
          }),
        );
        const length = Number(headers.get('content-length') ?? '0');
        if (this.buffer.length >= end + 4 + length) {
          const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
          this.buffer = this.buffer.subarray(end + 4 + length);
          return { status: Number(statusLine.split(' ')[1]), headers, body };
        }
      }
      if (this.error) throw this.error;
      if (this.closed)
        throw new Error(`closed before a whole response (${this.buffer.length} bytes)`);
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  /** Resolves once the server has closed the connection. */
  async closedByServer(): Promise<void> {
    while (!this.closed) await new Promise<void>((resolve) => (this.waiting = resolve));
  }

  end(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}

const piece = Buffer.alloc(64 * 1024, 'x');

/**
 * POSTs an invitation with a body of `size` bytes, declared (`Content-Length`) or chunked, and
 * stops sending as soon as the server answers (as a browser does).
 */
async function postHuge(connection: Connection, size: number, chunked: boolean): Promise<void> {
  const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`;
  await connection.write(
    `POST /api/v1/invitations HTTP/1.1\r\nHost: mock.test\r\nAuthorization: Bearer owner\r\n` +
      `Content-Type: application/json\r\n${framing}\r\n\r\n`,
  );
  for (let sent = 0; sent < size && !connection.answered; sent += piece.length) {
    const data = piece.subarray(0, Math.min(piece.length, size - sent));
    const framed = chunked
      ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
      : data;
    if (!(await connection.write(framed))) return;
  }
  if (chunked && !connection.answered) await connection.write('0\r\n\r\n');
}

const getMe = 'GET /api/v1/me HTTP/1.1\r\nHost: mock.test\r\nAuthorization: Bearer owner\r\n\r\n';

describe('one connection after a refused large body', () => {
  let running: RunningMock;
  before(async () => {
    running = await listen(createMockServer({ preset: 'all', now: fixedNow }));
  });
  after(() => running.close());

  for (const chunked of [false, true]) {
    const framing = chunked ? 'chunked' : 'declared';
    for (const megabytes of [1, 3]) {
      it(`${megabytes} MB ${framing} → 413 problem+json, then GET /me → 200 on the same socket`, async () => {
        const connection = new Connection(running.port);
        try {
          await postHuge(connection, megabytes * 1024 * 1024, chunked);
          const refused = await connection.read();
          assert.equal(refused.status, 413, refused.body);
          assert.equal(refused.headers.get('content-type'), 'application/problem+json');
          assert.equal(JSON.parse(refused.body).code, 'payload_too_large');
          assert.notEqual(refused.headers.get('connection'), 'close');
          await connection.write(getMe);
          const me = await connection.read();
          assert.equal(me.status, 200, me.body);
          assert.equal(connection.error, undefined);
        } finally {
          connection.end();
        }
      });
    }

    it(`100 MB ${framing} → 413 with Connection: close, then a clean close, never a reset`, async () => {
      const connection = new Connection(running.port);
      try {
        await postHuge(connection, 100 * 1024 * 1024, chunked);
        const refused = await connection.read();
        assert.equal(refused.status, 413, refused.body);
        assert.equal(JSON.parse(refused.body).code, 'payload_too_large');
        assert.equal(refused.headers.get('connection'), 'close');
        connection.socket.end();
        await connection.closedByServer();
        assert.equal(connection.error, undefined, 'no ECONNRESET or EPIPE');
      } finally {
        connection.end();
      }
    });
  }
});
