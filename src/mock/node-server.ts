/** Node-only: serves a mock over real HTTP (for the CLI and for tests that need a socket). */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { MockServer } from './index.js';

export interface RunningMock {
  /** Base URL of the contract, e.g. `http://127.0.0.1:4010/api/v1`. */
  url: string;
  port: number;
  /** Stops the mock's timers and streams, then the HTTP server. */
  close(): Promise<void>;
}

/** Listens on `hostname:port` (port 0 = a free port) and resolves once listening. */
export function listen(mock: MockServer, port = 0, hostname = '127.0.0.1'): Promise<RunningMock> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request) => mock.fetch(request), port, hostname },
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
