/**
 * The script-tag build: registers every tag and exposes everything as the global `Roster`,
 * e.g. `Roster.configure({ baseUrl: '/api/v1', getHeaders: async () => ({ … }) })`.
 */
import './define.js';

export * from './index.js';
