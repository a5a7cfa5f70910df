/**
 * Measures what the shared layer (client + store + context) adds to a page, without Lit:
 * bundles `src/api`, `src/store` and `src/context` minified with esbuild, `lit`, `lit/*` and
 * `@lit/*` left external (the elements bring Lit anyway), gzips it and prints the size.
 * Usage: node bench/shared-layer-size.mjs [--json]
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

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

const result = await bundle(['lit', 'lit/*', '@lit/*']);
// Roster's own code alone, every dependency left out: what the layer itself weighs.
const own = await bundle(['lit', 'lit/*', '@lit/*', 'ky', 'nanostores', 'eventsource-parser']);
const ownGzip = gzipSync(own.outputFiles[0].contents, { level: 9 }).length;

const code = result.outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;
const byPackage = {};
for (const [path, { bytesInOutput }] of Object.entries(
  Object.values(result.metafile.outputs)[0].inputs,
)) {
  const name =
    path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? path.split('/').slice(0, 2).join('/');
  byPackage[name] = (byPackage[name] ?? 0) + bytesInOutput;
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ minified: code.length, gzip, ownGzip, byPackage }));
} else {
  console.log(
    `shared layer (client + store + context, without Lit): ${(code.length / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(2)} KB min+gzip`,
  );
  console.log(`  of which Roster's own code: ${(ownGzip / 1024).toFixed(2)} KB min+gzip`);
  for (const [name, bytes] of Object.entries(byPackage).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name.padEnd(24)} ${(bytes / 1024).toFixed(1)} KB min`);
  }
}
