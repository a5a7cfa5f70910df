import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';

/** Finds a Chromium-family browser: CHROME_PATH first, then the usual system paths. */
function findBrowser() {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ].filter(Boolean);
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    console.error(
      'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; ' +
        'macOS: install Google Chrome) or point CHROME_PATH at a Chromium-family browser binary.',
    );
    process.exit(1);
  }
  return found;
}

export const chromeFlags = [
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

export default {
  files: ['test/**/*.test.ts', '!test/mock/**', '!test/conformance/**', '!test/e2e/**'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findBrowser(), headless: true, args: chromeFlags },
      // Each test page in its own browser context (its own window), so none is a background
      // tab: background tabs get no animation frames, and fixture()/nextFrame() would hang.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html><head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
};
