/**
 * `tsx test/conformance/against-alt.ts`: runs the conformance suite against test/alt-backend —
 * a second implementation of the contract, with session cookies instead of bearer tokens and
 * most optional features off — on a free port of 127.0.0.1 that is closed afterwards. Each
 * persona signs in through the backend's own login URL and the suite sends its cookie. Prints
 * the suite's report and `N passed, N failed[, N skipped]`; exits 1 on any failure.
 */
import { startAltBackend, type AltBackend, type PersonaName } from '../alt-backend/index.js';
import type { Auth, Persona } from './http.js';
import { runConformance, summaryLine } from './suite.js';

/**
 * The backend's personas by the suite's: `member` manages viewers only (limited) and may view
 * but not export users (no-export; export is off anyway); `viewer` may not view users. None
 * views users and changes no one, so the read-only persona is not given (its checks skip).
 */
const PERSONAS: Record<Exclude<Persona, 'readOnly'>, PersonaName> = {
  admin: 'admin',
  secondAdmin: 'admin2',
  limited: 'member',
  noAccess: 'viewer',
  noExport: 'member',
};

/** Signs in as `persona` and returns the session cookie as a `Cookie` header value. */
async function signIn(backend: AltBackend, persona: PersonaName): Promise<string> {
  const res = await fetch(backend.loginUrl(persona), { redirect: 'manual' });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (res.status !== 204 || !cookie)
    throw new Error(`Signing in as ${persona} answered ${res.status} with no session cookie`);
  return cookie;
}

const backend = await startAltBackend();
console.log(`Roster contract conformance against the alternative backend at ${backend.url}`);
try {
  const auth: Auth = {};
  for (const [persona, name] of Object.entries(PERSONAS) as [Persona, PersonaName][])
    auth[persona] = { cookie: await signIn(backend, name) };
  const counts = await runConformance({ baseUrl: backend.url, auth });
  console.log(`\n${summaryLine(counts)}`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
} finally {
  await backend.close();
}
