/**
 * Where the script-tag build's kilobytes go: bundles growing entries with esbuild (minified,
 * production) and prints the gzip size each layer adds on top of the previous ones.
 * Usage: node bench/bundle-size.mjs
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

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
  ['<users-table>', "export * from './src/elements/users-table/users-table.ts';"],
  ['<invite-dialog>', "export * from './src/elements/invite-dialog/invite-dialog.ts';"],
  ['<edit-user-dialog>', "export * from './src/elements/edit-user-dialog/edit-user-dialog.ts';"],
  ['<revoke-dialog>', "export * from './src/elements/revoke-dialog/revoke-dialog.ts';"],
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

let entry = '';
let previous = 0;
console.log('| layer | adds (KB gzip) | total (KB gzip) |\n|---|---|---|');
for (const [name, code] of layers) {
  entry += `${code}\n`;
  const total = await gzipOf(entry);
  console.log(`| ${name} | ${(total - previous).toFixed(1)} | ${total.toFixed(1)} |`);
  previous = total;
}
