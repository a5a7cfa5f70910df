/**
 * Where the mock serves the contract. In a module of its own, so the mock entry's type
 * declarations do not reach the server's (which name Hono, bundled and not installed).
 */
export const BASE_PATH = '/api/v1';
