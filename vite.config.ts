import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify } from 'terser';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { targetLocales } from './src/i18n/locale-codes.js';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Packages a host installs beside Roster: the npm build imports them instead of bundling. */
const external = [/^lit($|\/)/, /^@lit\//, /^nanostores/, /^eventsource-parser/];

/**
 * Three builds from one config:
 * - `vite build` — the npm build: ES modules for the classes (`roster.js`, nothing registered),
 *   the registering `define.js`, and the in-page mock server (`mock.js`);
 * - `vite build --mode iife` — the single classic script for a `<script>` tag (`roster.iife.js`),
 *   everything bundled, exposing the global `Roster`;
 * - `vite build --mode locales` — the script-tag build's other languages (`locales/de.js`…);
 * - `vite build --mode cli` — the `roster-mock` command (`roster-mock.js`) for Node, with Hono
 *   and its Node adapter bundled, so neither is a dependency a browser user installs;
 * - `vite` — the demo page (`demo/`), with the mock server running inside the page.
 */
export default defineConfig(({ mode }) => {
  const define = {
    'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production'),
  };
  // Lit's html`` and css`` templates keep their comments and indentation through the JS
  // minifier; the Lit team's plugin minifies them in every build (≈2 KB gzip of the
  // script-tag build), so the e2e suite runs the demo with the very templates shipped.
  // Whitespace collapses to one space, never to none, so text keeps its word breaks; static
  // attribute values lose their quotes where HTML allows it (`type=button`).
  const plugins = [
    {
      ...minifyLiterals({
        include: ['src/**/*.ts'],
        failOnError: true,
        options: { minifyOptions: { conservativeCollapse: true, removeAttributeQuotes: true } },
      }),
      apply: 'build' as const,
    },
  ];
  if (mode === 'iife') {
    return {
      define,
      // English is in the script; the other locales are files beside it, loaded on demand.
      resolve: {
        alias: [{ find: /^\.\/load-locale\.js$/, replacement: src('i18n/load-locale-script.ts') }],
      },
      plugins: [...plugins, terserPass],
      build: {
        emptyOutDir: false,
        target: 'es2022',
        lib: {
          entry: src('global.ts'),
          name: 'Roster',
          formats: ['iife'],
          fileName: () => 'roster.iife.js',
        },
      },
    };
  }
  if (mode === 'locales') {
    // The script-tag build's locale files (`locales/de.js`…): ES modules importing only their
    // shared `str` chunk beside them, which the script loads on demand from beside itself
    // (same-origin scripts: no CSP change).
    return {
      build: {
        emptyOutDir: false,
        target: 'es2022',
        outDir: 'dist/locales',
        lib: {
          entry: Object.fromEntries(targetLocales.map((l) => [l, src(`i18n/locales/${l}.ts`)])),
          formats: ['es'],
        },
      },
    };
  }
  if (mode === 'cli') {
    return {
      define,
      build: {
        emptyOutDir: false,
        target: 'node20',
        ssr: src('mock/cli.ts'),
        rollupOptions: { output: { entryFileNames: 'roster-mock.js' } },
      },
      // Everything but Node's own modules goes into the file: the package depends on neither.
      ssr: { noExternal: true },
    };
  }
  if (mode === 'production') {
    return {
      define,
      plugins,
      build: {
        target: 'es2022',
        lib: {
          entry: { roster: src('index.ts'), define: src('define.ts'), mock: src('mock/index.ts') },
          formats: ['es'],
        },
        rollupOptions: { external },
      },
    };
  }
  return {
    define,
    plugins,
    root: 'demo',
    server: { port: 5173 },
    // Relative URLs: the built demo works from any file server, in any folder.
    base: './',
    build: { outDir: '../dist/demo' },
  };
});

/**
 * The script-tag file, once vite has minified it, goes through terser too: its repeated
 * compress passes and arrow-function folding take a further ≈330 bytes gzip off the built
 * file, which the size budget counts (the npm build is left to the host's bundler).
 */
const terserPass: Plugin = {
  name: 'roster:terser-pass',
  apply: 'build',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const { code } = await minify(chunk.code, {
        ecma: 2020,
        compress: { passes: 3, unsafe_arrows: true },
        format: { comments: false },
      });
      if (code) chunk.code = code;
    }
  },
};
