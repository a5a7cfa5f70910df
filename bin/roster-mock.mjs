#!/usr/bin/env node
// Launches the Roster mock server: `roster-mock --preset tenant --port 4010` (see --help).
// Runs the built CLI (`npm run build` makes dist/roster-mock.js, Hono bundled into it).
import '../dist/roster-mock.js';
