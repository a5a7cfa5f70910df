import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Packages a host installs beside Roster: the npm build imports them instead of bundling. */
const external = [/^lit($|\/)/, /^@lit\//, /^nanostores/, /^ky/, /^eventsource-parser/, /^hono/];

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
  if (mode === 'iife') {
    return {
      define,
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
  return { define, root: 'demo', server: { port: 5173 }, build: { outDir: '../dist/demo' } };
});
