/**
 * Where the script-tag build's kilobytes go: bundles growing entries with esbuild (minified,
 * production) and reports the gzip size each layer adds on top of the previous ones.
 * Alone: `node bench/bundle-size.mjs`; `npm run bench` runs it with the others.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { figure, isMain, printResult } from './figures.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const layers = [
  [
    'lit, @lit/localize, @lit/context',
    "export * from 'lit'; export * from '@lit/localize'; export * from '@lit/context';",
  ],
  [
    'nanostores, eventsource-parser',
    "export * from 'nanostores'; export * from 'eventsource-parser';",
  ],
  ['ky', "export { default as ky } from 'ky';"],
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
  ['define + global', "export * from './src/global.ts';"],
];

const gzipOf = async (contents) => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: `${root}tsconfig.json`,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1024;
};

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
  figures.push(figure('all layers: script-tag build', previous, 'KB gzip'));
  return {
    id: 'bundle-size',
    title: 'Script-tag bundle, by layer',
    command: 'node bench/bundle-size.mjs',
    method:
      'esbuild (minified, production, gzip level 9) bundles growing entries, one layer added at a ' +
      'time; each figure is what a layer adds to the ones above it. The total differs a little ' +
      "from vite's `dist/roster.iife.js`, whose size budget `npm run test:size` enforces.",
    figures,
    notes: [],
  };
}

if (isMain(import.meta.url)) printResult(await benchBundleSize());
