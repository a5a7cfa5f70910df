import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Packages a host installs beside Roster: the npm build imports them instead of bundling. */
const external = [/^lit($|\/)/, /^@lit\//, /^nanostores/, /^eventsource-parser/, /^hono/];

/**
 * Three builds from one config:
 * - `vite build` — the npm build: ES modules for the classes (`roster.js`, nothing registered),
 *   the registering `define.js`, and the in-page mock server (`mock.js`);
 * - `vite build --mode iife` — the single classic script for a `<script>` tag (`roster.iife.js`),
 *   everything bundled, exposing the global `Roster`;
 * - `vite` — the demo page (`demo/`), with the mock server running inside the page.
 */
export default defineConfig(({ mode }) => {
  const define = {
    'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production'),
  };
  // Lit's html`` and css`` templates keep their comments and indentation through the JS
  // minifier; the Lit team's plugin minifies them in every build (≈2 KB gzip of the
  // script-tag build), so the e2e suite runs the demo with the very templates shipped.
  // Whitespace collapses to one space, never to none, so text keeps its word breaks.
  const plugins = [
    {
      ...minifyLiterals({
        include: ['src/**/*.ts'],
        failOnError: true,
        options: { minifyOptions: { conservativeCollapse: true } },
      }),
      apply: 'build' as const,
    },
  ];
  if (mode === 'iife') {
    return {
      define,
      plugins,
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
    build: { outDir: '../dist/demo' },
  };
});
