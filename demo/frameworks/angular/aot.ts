// Vite plugin for the Angular example: compiles it ahead of time with Angular's own compiler
// (templates type-checked, strictTemplates) and links the partially compiled Angular packages,
// so the page runs without Angular's JIT compiler, which needs `unsafe-eval`.
import { dirname, resolve } from 'node:path';
import {
  createCompilerHost,
  formatDiagnostics,
  performCompilation,
  readConfiguration,
} from '@angular/compiler-cli';
import { needsLinking } from '@angular/compiler-cli/linker';
import linker from '@angular/compiler-cli/linker/babel';
import { transformAsync } from '@babel/core';
import type { Plugin } from 'vite';

/** Serves the example's modules as `ngc` emits them from `tsconfig` (throws on any diagnostic). */
export function angularAot(tsconfig: string): Plugin {
  const root = dirname(resolve(tsconfig));
  const emitted = new Map<string, string>();
  return {
    name: 'roster-angular-aot',
    enforce: 'pre',
    buildStart() {
      const { rootNames, options, errors } = readConfiguration(tsconfig);
      const host = createCompilerHost({ options });
      host.writeFile = (_name, text, _bom, _onError, sources) => {
        const source = sources?.[0]?.fileName;
        if (source?.startsWith(`${root}/`)) emitted.set(source, text);
      };
      const { diagnostics } = performCompilation({ rootNames, options, host });
      const all = [...errors, ...diagnostics];
      if (all.length > 0) throw new Error(formatDiagnostics(all));
    },
    load(id) {
      return emitted.get(id) ?? null;
    },
    async transform(code, id) {
      if (!id.includes('/node_modules/@angular/') || !needsLinking(id, code)) return null;
      const linked = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        compact: false,
        plugins: [[linker, { linkerJitMode: false }]],
      });
      return linked?.code ?? null;
    },
  };
}
