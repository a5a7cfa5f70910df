/**
 * Where the script-tag build's kilobytes go: builds growing entries exactly as the script-tag
 * build is made (vite's `iife` mode of vite.config.ts: template minifier, then the JS
 * minifier) and reports the gzip size each layer adds on top of the previous ones.
 * Alone: `node bench/bundle-size.mjs`; `npm run bench` runs it with the others.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { figure, isMain, printResult } from './figures.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const globalEntry = `${root}src/global.ts`;
const layers = [
  [
    'lit, @lit/localize, @lit/context',
    "export * from 'lit'; export * from '@lit/localize'; export * from '@lit/context';",
  ],
  [
    'nanostores, eventsource-parser',
    "export * from 'nanostores'; export * from 'eventsource-parser';",
  ],
  [
    'client, store, context, events',
    "export * from './src/api/index.ts'; export * from './src/store/index.ts'; export * from './src/context/index.ts'; export * from './src/events.ts';",
  ],
  [
    'shared parts (dialog shell, avatar, clock, badges, access fields)',
    "export * from './src/elements/parts/dialog.ts'; export * from './src/elements/parts/avatar.ts'; export * from './src/elements/parts/clock.ts'; export * from './src/elements/parts/status-badge.ts'; export * from './src/elements/parts/seat-meter.ts'; export * from './src/elements/parts/access-fields.ts';",
  ],
  ['`<users-table>`', "export * from './src/elements/users-table/users-table.ts';"],
  ['`<invite-dialog>`', "export * from './src/elements/invite-dialog/invite-dialog.ts';"],
  ['`<edit-user-dialog>`', "export * from './src/elements/edit-user-dialog/edit-user-dialog.ts';"],
  ['`<revoke-dialog>`', "export * from './src/elements/revoke-dialog/revoke-dialog.ts';"],
  [
    '`<role-templates>` (and its dialog)',
    "export * from './src/elements/role-templates/role-templates.ts'; export * from './src/elements/role-templates/template-dialog.ts';",
  ],
  [
    '`<permission-matrix>` (with src/api/grants.ts)',
    "export * from './src/elements/permission-matrix/permission-matrix.ts';",
  ],
  ['tag registration (define)', "import './src/define.ts';"],
];

/** The gzip size in KB of the script-tag build of `contents` as its entry. */
const gzipOf = async (contents) => {
  // Inside src/ (as a hidden file), so the template minifier's include pattern applies to it.
  const entry = `${root}src/.bundle-size-entry.ts`;
  writeFileSync(entry, contents.replaceAll('./src/', './'));
  // A vite dev server started earlier in the same process (`npm run bench` runs the table's
  // bench first) leaves NODE_ENV=development, which would resolve Lit's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const [output] = /** @type {import('rollup').RollupOutput[]} */ (
      await build({
        root,
        configFile: `${root}vite.config.ts`,
        mode: 'iife',
        logLevel: 'silent',
        build: { write: false, lib: { entry, name: 'Roster', formats: ['iife'] } },
      })
    );
    return gzipSync(output.output[0].code, { level: 9 }).length / 1024;
  } finally {
    rmSync(entry, { force: true });
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
};

/** The script-tag entry (index exports + tag registration) without the lines matching `drop`. */
function entryWithout(drop) {
  const keep = (file) =>
    readFileSync(`${root}src/${file}`, 'utf8')
      .split('\n')
      .filter((line) => !drop.test(line))
      .join('\n');
  return `${keep('index.ts')}\n${keep('define.ts')}`.replaceAll("from './", "from './src/");
}

/** @returns {Promise<import('./figures.mjs').BenchResult>} */
export async function benchBundleSize() {
  const figures = [];
  let entry = '';
  let previous = 0;
  for (const [name, code] of layers) {
    entry += `${code}\n`;
    const total = await gzipOf(entry);
    figures.push(figure(`${name}: adds`, total - previous, 'KB gzip'));
    previous = total;
  }
  figures.push(figure('all layers', previous, 'KB gzip'));
  // The five tags before <permission-matrix> and <role-templates> (the structure issue's
  // 52 KB aim for them): the real entry with those two left out.
  figures.push(
    figure(
      'script-tag build without <permission-matrix> and <role-templates>',
      await gzipOf(
        entryWithout(/permission-matrix|role-templates|PermissionMatrix|RoleTemplate|grants\.js/),
      ),
      'KB gzip',
    ),
  );
  // The real entry, as `npm run build` makes dist/roster.iife.js.
  figures.push(
    figure(
      'script-tag build (src/global.ts)',
      await gzipOf(readFileSync(globalEntry, 'utf8')),
      'KB gzip',
    ),
  );
  return {
    id: 'bundle-size',
    title: 'Script-tag bundle, by layer',
    command: 'node bench/bundle-size.mjs',
    method:
      "vite's script-tag build (vite.config.ts, mode iife: templates minified, then the JS; gzip " +
      'level 9) of growing entries, one layer added at a time; each figure is what a layer adds ' +
      'to the ones above it. The library layers export each package whole, so the layers add up ' +
      'to more than the real build, whose figure (last line) is `dist/roster.iife.js` as ' +
      '`npm run test:size` checks it against the budget.',
    figures,
    notes: [],
  };
}

if (isMain(import.meta.url)) printResult(await benchBundleSize());
