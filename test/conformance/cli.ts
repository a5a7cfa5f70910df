/**
 * The command line of `npm run conformance`: the base URL and, per persona, a bearer token,
 * headers and cookies. Parsing only; run.ts runs the suite.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PERSONAS, PERSONA_FLAGS, type Auth, type PersonaAuth } from './http.js';

export const USAGE = `Usage: npm run conformance -- --base-url URL --admin-token T [options]

  --base-url URL              the contract's base URL, e.g. http://127.0.0.1:8080/api/v1

Credentials, per persona (any mix; the admin's are required):
  --<persona>-token T         sent as Authorization: Bearer T
  --<persona>-header 'N: V'   a request header (repeatable), e.g. --admin-header 'X-Api-Key: k'
  --<persona>-cookie 'a=1'    sent as the Cookie header (repeatable; joined with "; ")

Personas:
  admin                       a user holding the top role (owner / admin)            required
  second-admin                another top-role user (listens to events, races edits)
  limited                     someone who manages users but may assign only lower roles
  no-access                   someone who may not view users
  no-export                   someone who may view users but not export them
  read-only                   someone who may view users but change no one

(--token-admin T, --header-admin … and the like are accepted too.)

The suite creates users under example.com and role templates, and removes each one it created.
A check that needs a persona you did not give, a feature the server does not declare, or
something an earlier check could not read is reported as skipped, with the reason.`;

/** What the command line asks for. */
export type CliRequest = { help: true } | { error: string } | { baseUrl: string; auth: Auth };

/** Accepts `--token-admin` (and `--header-…`, `--cookie-…`) as spellings of `--admin-token`. */
function normalise(args: string[]): string[] {
  return args.map((a) => a.replace(/^--(token|header|cookie)-([^=]+)(=.*)?$/, '--$2-$1$3'));
}

/** `Name: value` as a header, or an error message. */
function parseHeader(text: string, flag: string): [string, string] | string {
  const colon = text.indexOf(':');
  const name = text.slice(0, colon).trim();
  if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
    return `${flag} ${JSON.stringify(text)}: expected 'Name: value'`;
  return [name, text.slice(colon + 1).trim()];
}

/** Parses the arguments after `npm run conformance --`. */
export function parseCli(argv: string[]): CliRequest {
  const options: NonNullable<ParseArgsConfig['options']> = {
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const flag of Object.values(PERSONA_FLAGS)) {
    options[`${flag}-token`] = { type: 'string' };
    options[`${flag}-header`] = { type: 'string', multiple: true };
    options[`${flag}-cookie`] = { type: 'string', multiple: true };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: normalise(argv), options }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values['help']) return { help: true };
  const auth: Auth = {};
  for (const persona of PERSONAS) {
    const flag = PERSONA_FLAGS[persona];
    const given: PersonaAuth = {};
    const token = values[`${flag}-token`] as string | undefined;
    if (token) given.token = token;
    for (const text of (values[`${flag}-header`] ?? []) as string[]) {
      const header = parseHeader(text, `--${flag}-header`);
      if (typeof header === 'string') return { error: header };
      given.headers = { ...given.headers, [header[0]]: header[1] };
    }
    const cookies = (values[`${flag}-cookie`] ?? []) as string[];
    if (cookies.length) given.cookie = cookies.join('; ');
    if (Object.keys(given).length) auth[persona] = given;
  }
  const baseUrl = values['base-url'] as string | undefined;
  if (!baseUrl || !auth.admin)
    return {
      error:
        '--base-url and the admin persona (--admin-token, --admin-header or --admin-cookie) are required.',
    };
  return { baseUrl, auth };
}
