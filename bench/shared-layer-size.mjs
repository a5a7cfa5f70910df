/**
 * Measures what the shared layer (client + store + context) adds to a page, without Lit:
 * bundles `src/api`, `src/store` and `src/context` minified with esbuild, `lit`, `lit/*` and
 * `@lit/*` left external (the elements bring Lit anyway), gzips it and reports the size.
 * Alone: `node bench/shared-layer-size.mjs`; `npm run bench` runs it with the others.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { figure, isMain, printResult } from './figures.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `
export * from './src/api/index.ts';
export * from './src/store/index.ts';
export * from './src/context/index.ts';
`;

/** Bundles the shared layer with the given packages left out. */
const bundle = (external) =>
  build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'shared-layer.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: `${root}tsconfig.json`,
    metafile: true,
  });

/** @returns {Promise<import('./figures.mjs').BenchResult>} */
export async function benchSharedLayer() {
  const result = await bundle(['lit', 'lit/*', '@lit/*']);
  // Roster's own code alone, every dependency left out: what the layer itself weighs.
  const own = await bundle(['lit', 'lit/*', '@lit/*', 'nanostores', 'eventsource-parser']);
  const code = result.outputFiles[0].contents;
  const byPackage = {};
  for (const [path, { bytesInOutput }] of Object.entries(
    Object.values(result.metafile.outputs)[0].inputs,
  )) {
    const name =
      path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      path.split('/').slice(0, 2).join('/');
    byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
  }
  const kb = (bytes) => bytes / 1024;
  return {
    id: 'shared-layer',
    title: 'Shared layer (client + store + context), without Lit',
    command: 'node bench/shared-layer-size.mjs',
    method:
      'esbuild (minified, production) bundles `src/api`, `src/store` and `src/context` with Lit ' +
      "left external (the elements bring it anyway); Roster's own code is the same with every " +
      'dependency left external. The per-package lines are minified bytes before gzip.',
    figures: [
      figure('shared layer, min+gzip', kb(gzipSync(code, { level: 9 }).length), 'KB'),
      figure('shared layer, min', kb(code.length), 'KB'),
      figure(
        "of which Roster's own code, min+gzip",
        kb(gzipSync(own.outputFiles[0].contents, { level: 9 }).length),
        'KB',
      ),
      ...Object.entries(byPackage)
        .filter(([, bytes]) => bytes > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => figure(`${name}, min`, kb(bytes), 'KB')),
    ],
    notes: [],
  };
}

if (isMain(import.meta.url)) printResult(await benchSharedLayer());
