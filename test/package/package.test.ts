/**
 * The package as a user gets it: `npm pack`, the tarball installed into a blank project (its
 * dependencies from the registry, npm's cache first), and there each entry imported, the
 * `roster-mock` command run and asked over HTTP, and the script-tag file from node_modules
 * loaded in Chromium against that command's server.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { CHROME_FLAGS } from '../../scripts/browser.mjs';
import type { StaticServer } from '../e2e/harness.js';
import { ROOT, findChromium, openWatched, poll, serveStatic, userRows } from '../e2e/harness.js';

const work = mkdtempSync(join(tmpdir(), 'roster-package-'));
const project = join(work, 'host');
const installed = join(project, 'node_modules', '@roster', 'elements');
let files: string[] = [];
let cli: ChildProcess | undefined;
let site: StaticServer | undefined;
let browser: Browser | undefined;

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Runs an ES module script in the blank project and returns what it printed. */
const inProject = (code: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: project,
    encoding: 'utf8',
  });

before(async () => {
  if (!existsSync(join(ROOT, 'dist', 'roster-mock.js'))) npm(['run', 'build'], ROOT);
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  files = packed[0]!.files.map((file) => file.path);
  const tarball = join(work, packed[0]!.filename);
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'blank-host', version: '1.0.0', private: true, type: 'module' }),
  );
  const started = Date.now();
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  console.log(`npm install of the tarball: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (cli && cli.exitCode === null) {
    const exited = new Promise((resolve) => cli!.once('exit', resolve));
    cli.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package installed into a blank project', () => {
  it("ships the built files (the script tag's locales too), the contract, the manifest and the licence, and no source", () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'openapi.yaml',
      'custom-elements.json',
      'bin/roster-mock.mjs',
      'dist/roster.js',
      'dist/define.js',
      'dist/mock.js',
      'dist/roster-mock.js',
      'dist/roster.iife.js',
      // The script-tag build's languages, loaded from beside it.
      'dist/locales/de.js',
      'dist/locales/ar.js',
      'dist/types/index.d.ts',
      'dist/types/define.d.ts',
      'dist/types/mock/index.d.ts',
    ])
      assert.ok(files.includes(file), `${file} is in the tarball`);
    const stray = files.filter((file) => /^(src|test|demo|dist\/demo)\/|\.map$/.test(file));
    assert.deepEqual(stray, [], 'no source, tests, demo or source maps');
  });

  it('installs neither Hono nor its Node adapter (the mock bundles them)', () => {
    const modules = readdirSync(join(project, 'node_modules'));
    assert.ok(modules.includes('lit'), 'lit came with the package');
    assert.ok(!modules.includes('hono'), 'no hono in node_modules');
    assert.ok(!existsSync(join(project, 'node_modules', '@hono')), 'no @hono/node-server');
    assert.ok(!existsSync(join(project, 'node_modules', 'tsx')), 'no tsx');
  });

  it('imports the main entry (nothing registered) and ./define (registers every tag) in Chromium', async () => {
    // The host's own modules, resolved by an import map as a bundler would resolve them.
    const modules = '/node_modules';
    const imports = {
      '@roster/elements': `${modules}/@roster/elements/dist/roster.js`,
      '@roster/elements/define': `${modules}/@roster/elements/dist/define.js`,
      lit: `${modules}/lit/index.js`,
      'lit/': `${modules}/lit/`,
      'lit-html': `${modules}/lit-html/lit-html.js`,
      'lit-html/': `${modules}/lit-html/`,
      'lit-element/': `${modules}/lit-element/`,
      '@lit/reactive-element': `${modules}/@lit/reactive-element/reactive-element.js`,
      '@lit/reactive-element/': `${modules}/@lit/reactive-element/`,
      '@lit/context': `${modules}/@lit/context/index.js`,
      '@lit/localize': `${modules}/@lit/localize/lit-localize.js`,
      '@lit/localize/': `${modules}/@lit/localize/`,
      nanostores: `${modules}/nanostores/index.js`,
      'eventsource-parser': `${modules}/eventsource-parser/dist/index.js`,
    };
    writeFileSync(
      join(project, 'entries.js'),
      `const roster = await import('@roster/elements');
const before = customElements.get('users-table');
await import('@roster/elements/define');
window.result = { classes: typeof roster.UsersTable, configure: typeof roster.configure,
  before: before === undefined, after: customElements.get('users-table') === roster.UsersTable };\n`,
    );
    writeFileSync(
      join(project, 'entries.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Entries</title><link rel="icon" href="data:,">
<script>window.process = { env: { NODE_ENV: 'production' } };</script>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module" src="/entries.js"></script></head><body></body></html>\n`,
    );
    const server = await serveStatic(project, "default-src 'self' 'unsafe-inline'; img-src data:");
    browser ??= await chromium.launch({ executablePath: findChromium(), args: CHROME_FLAGS });
    const opened = await openWatched(browser, `${server.origin}/entries.html`);
    try {
      const result = await poll(
        () => opened.page.evaluate(() => (window as unknown as { result?: unknown }).result),
        (value) => value !== undefined,
        'the entries to load',
      );
      assert.deepEqual(result, {
        classes: 'function',
        configure: 'function',
        before: true,
        after: true,
      });
      assert.deepEqual(opened.errors, []);
    } finally {
      await opened.close();
      await server.close();
    }
  });

  it('answers GET /api/v1/me from ./mock for a persona token, and 401 without one', () => {
    const out = inProject(`
      import { createMockServer } from '@roster/elements/mock';
      const mock = createMockServer({ preset: 'workspace', simulatePresence: false });
      const me = await mock.fetch('/api/v1/me', { headers: { Authorization: 'Bearer owner' } });
      const anonymous = await mock.fetch('/api/v1/me');
      const forged = await mock.fetch('/api/v1/me', { headers: { Authorization: 'Bearer owner<script>' } });
      console.log(JSON.stringify({ me: me.status, body: await me.json(), anonymous: anonymous.status, forged: forged.status }));
      mock.close();`);
    const result = JSON.parse(out) as {
      me: number;
      body: unknown;
      anonymous: number;
      forged: number;
    };
    assert.equal(result.me, 200);
    assert.match(JSON.stringify(result.body), /"role":"owner"/);
    assert.equal(result.anonymous, 401);
    assert.equal(result.forged, 401);
  });

  it('runs `npx roster-mock`, which serves the contract over HTTP', async () => {
    assert.throws(
      () =>
        execFileSync('npx', ['--no-install', 'roster-mock', '--port', 'x'], {
          cwd: project,
          stdio: 'pipe',
        }),
      (error: { status: number; stderr: Buffer }) =>
        error.status === 2 && /--port must be a whole number/.test(String(error.stderr)),
    );
    // npx leaves its child holding the port: the installed bin is run directly, as npx does.
    cli = spawn(
      process.execPath,
      [
        join(project, 'node_modules', '.bin', 'roster-mock'),
        '--port',
        '0',
        '--preset',
        'workspace',
      ],
      {
        cwd: project,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let printed = '';
    cli.stdout!.on('data', (chunk: Buffer) => (printed += chunk));
    const url = await poll(
      async () => /at (http:\/\/\S+\/api\/v1)/.exec(printed)?.[1],
      (found) => found !== undefined,
      'the URL roster-mock prints',
      15_000,
    );
    const me = await fetch(`${url}/me`, { headers: { Authorization: 'Bearer owner' } });
    assert.equal(me.status, 200);
    const users = await fetch(`${url}/users`, { headers: { Authorization: 'Bearer nobody' } });
    assert.equal(users.status, 401);

    const page = join(work, 'page');
    execFileSync('mkdir', ['-p', page]);
    copyFileSync(join(installed, 'dist', 'roster.iife.js'), join(page, 'roster.iife.js'));
    writeFileSync(
      join(page, 'setup.js'),
      "Roster.configure({ getHeaders: () => ({ Authorization: 'Bearer owner' }) });\n",
    );
    writeFileSync(
      join(page, 'index.html'),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Users</title><link rel="icon" href="data:,">
<script src="/roster.iife.js"></script><script src="/setup.js"></script></head>
<body><users-table base-url="${url}"></users-table></body></html>\n`,
    );
    site = await serveStatic(
      page,
      `default-src 'self'; connect-src 'self' ${new URL(url!).origin}; img-src * data:; style-src 'self' 'unsafe-inline'`,
    );
    browser ??= await chromium.launch({ executablePath: findChromium(), args: CHROME_FLAGS });
    const opened = await openWatched(browser, `${site.origin}/`);
    await poll(
      () => userRows(opened.table).count(),
      (n) => n > 5,
      'rows from the installed roster-mock',
    );
    assert.match((await userRows(opened.table).first().textContent()) ?? '', /@acme\.test/);
    assert.deepEqual(
      opened.errors.filter((e) => !/Loading the image|ERR_/.test(e)),
      [],
    );
    await opened.close();
  });
});
