import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { CHROME_FLAGS, INSTALL_HINT, findBrowserPath } from './scripts/browser.mjs';

/** The browser, or exit with how to install one. */
function findBrowser() {
  const found = findBrowserPath();
  if (!found) {
    console.error(`No Chromium or Chrome found. ${INSTALL_HINT}`);
    process.exit(1);
  }
  return found;
}

export default {
  files: [
    'test/**/*.test.ts',
    '!test/mock/**',
    '!test/conformance/**',
    '!test/e2e/**',
    '!test/package/**',
  ],
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
      launchOptions: { executablePath: findBrowser(), headless: true, args: CHROME_FLAGS },
      // Each test page in its own browser context (its own window), so none is a background
      // tab: background tabs get no animation frames, and fixture()/nextFrame() would hang.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html><head><script>window.process = { env: { NODE_ENV: 'development' } };</script></head>
    <body><script type="module" src="${testFramework}"></script></body></html>`,
};
