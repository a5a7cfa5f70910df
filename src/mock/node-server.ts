/** Node-only: serves a mock over real HTTP (for the CLI and for tests that need a socket). */
import { type HttpBindings, serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { MockServer } from './index.js';

export interface RunningMock {
  /** Base URL of the contract, e.g. `http://127.0.0.1:4010/api/v1`. */
  url: string;
  port: number;
  /** Stops the mock's timers and streams, then the HTTP server. */
  close(): Promise<void>;
}

/**
 * What the mock reads and throws away of a body it answered without reading (a 413, a 401 on a
 * POST, …) so that the connection stays usable for the next request. The body has to leave the
 * socket before the next request can be parsed from it; answering and closing straight away
 * instead makes the client's next request, or the rest of its upload, meet a reset.
 * Past either bound the answer carries `Connection: close` and the connection is closed cleanly.
 */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 2_000;
/**
 * After a `Connection: close` answer to a body still arriving, how long the mock keeps reading
 * and discarding it before closing (a lingering close, as nginx and Apache do). Closing a socket
 * with unread bytes sends a reset, and the reset can reach the client before it read the answer.
 */
const LINGER_MS = 1_000;

/** Listens on `hostname:port` (port 0 = a free port) and resolves once listening. */
export function listen(mock: MockServer, port = 0, hostname = '127.0.0.1'): Promise<RunningMock> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: async (request, env) => {
          const response = await mock.fetch(request);
          return settleBody((env as HttpBindings).incoming, response);
        },
        // The adapter's own cleanup gives up after 500 ms and destroys the socket: settleBody does it.
        autoCleanupIncoming: false,
        port,
        hostname,
      },
      (info: AddressInfo) => {
        server.off('error', reject);
        const host = hostname.includes(':') ? `[${hostname}]` : hostname;
        resolve({
          url: `http://${host}:${info.port}/api/v1`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              mock.close();
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}

type Incoming = HttpBindings['incoming'];

/**
 * Before answering, reads and discards what the mock left of the request body (within the drain
 * bounds), so that the connection can carry the next request; past the bounds, or for a declared
 * length over them, answers with `Connection: close` and closes after a lingering read.
 */
async function settleBody(incoming: Incoming, response: Response): Promise<Response> {
  if (incoming.readableEnded) return response;
  const declared = Number(incoming.headers['content-length'] ?? '0');
  if (declared <= DRAIN_MAX_BYTES && (await discard(incoming, DRAIN_MAX_BYTES, DRAIN_MAX_MS)))
    return response;
  lingerOnClose(incoming);
  const headers = new Headers(response.headers);
  headers.set('Connection', 'close');
  // Buffered, the answer (a 413's problem+json) keeps its Content-Length; an event stream can't be.
  const streams = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false;
  const body = streams ? response.body : await response.arrayBuffer();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * Reads the rest of the body straight off the request stream, up to `maxBytes` and `maxMs`;
 * true when it ended within them. The web streams the mock read through (the adapter's and the
 * mock's own `new Request`) are left behind: nobody reads them any more, so they lose their
 * `data` listener, as Node's own dump of an unread body does.
 */
function discard(incoming: Incoming, maxBytes: number, maxMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let size = 0;
    const finish = (ended: boolean) => {
      clearTimeout(timer);
      incoming.off('data', onData).off('end', onEnd).off('close', onClose);
      if (!ended) incoming.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onClose = () => finish(incoming.readableEnded); // the client went away
    const timer = setTimeout(() => finish(false), maxMs);
    incoming.removeAllListeners('data').on('data', onData).on('end', onEnd).on('close', onClose);
    incoming.resume();
  });
}

/**
 * Makes the server's close of this socket (Node closes it after a `Connection: close` answer) a
 * lingering one: the answer and a FIN go out at once, what the client still sends is read and
 * discarded, and the socket is destroyed when the body ends, the client closes, or `LINGER_MS`.
 */
function lingerOnClose(incoming: Incoming): void {
  const socket = incoming.socket;
  socket.destroySoon = () => {
    socket.end();
    void discard(incoming, Infinity, LINGER_MS).then(() => socket.destroy());
  };
}
