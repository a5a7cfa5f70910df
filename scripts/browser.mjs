// Where Roster's browser tests (web-test-runner) and end-to-end tests (playwright-core) find a
// Chromium-family browser, and the flags they start it with: one list for both.
import { existsSync } from 'node:fs';

/** The usual install paths, after `CHROME_PATH`. */
export const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** What to do when no browser is found. */
export const INSTALL_HINT =
  'Install Chromium or Chrome (Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: ' +
  'install Google Chrome) or point CHROME_PATH at a Chromium-family browser binary.';

/** The browser to use: `CHROME_PATH` when set, else the first usual path that exists. */
export function findBrowserPath() {
  return [process.env.CHROME_PATH, ...BROWSER_PATHS].find((path) => path && existsSync(path));
}

/** Flags that keep a headless Chromium quiet on a closed network. */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Two test pages run at once; keep the one in the background rendering (timers, frames).
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
