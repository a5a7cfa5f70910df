/**
 * A second backend for the Roster contract, written from `openapi.yaml` and CONTRACT.md alone
 * (it shares nothing with `src/mock` but the types), so that the conformance suite and the
 * elements are tried against choices Roster did not make: session-cookie sign-in instead of
 * bearer tokens, CORS with credentials for a list of origins, UUID ids, opaque cursors and
 * event ids, roles of its own (`org_admin` > `member` > `viewer`), every optional feature off
 * but suspension, removal that deletes, members the contract does not define on every object,
 * and an error code of its own (`403 plan_restriction` when inviting a personal address such
 * as gmail.com) and field error codes of its own (`name_too_long`, `not_yet_active`, …).
 *
 * Personas, signed in with `GET /auth/login?as=<persona>`: `admin` and `admin2` (organisation
 * admins), `member` (may invite and manage viewers only), `viewer` (may not view users).
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createAltBackend } from './app.js';
import type { PersonaName } from './model.js';

export type { PersonaName };

/** A running backend. */
export interface AltBackend {
  /** The contract's base URL, e.g. `http://127.0.0.1:41234/api/v1`. */
  readonly url: string;
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Where a browser signs in as `persona` (then goes back to `returnTo`, an allowed origin's). */
  loginUrl(persona: PersonaName, returnTo?: string): string;
  /** Lets pages of `origin` call it with cookies (CORS with credentials) from now on. */
  allow(origin: string): void;
  /** Ends the event streams and stops listening. */
  close(): Promise<void>;
}

/** Serves a fresh backend on a free port of 127.0.0.1; `allowedOrigins` may call it with cookies. */
export function startAltBackend(allowedOrigins: readonly string[] = []): Promise<AltBackend> {
  const origins = [...allowedOrigins];
  const app = createAltBackend(origins);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) => {
        const origin = `http://127.0.0.1:${info.port}`;
        resolve({
          url: `${origin}/api/v1`,
          origin,
          loginUrl: (persona, returnTo) => {
            const url = new URL('/auth/login', origin);
            url.searchParams.set('as', persona);
            if (returnTo) url.searchParams.set('return', returnTo);
            return url.href;
          },
          allow: (allowed) => void origins.push(allowed),
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
