import type { LocaleModule } from '@lit/localize/internal/types.js';

/**
 * A locale's texts, in the module builds: a dynamic import, so a host's bundler splits each
 * locale into a chunk of its own, loaded when asked for. (The script-tag build swaps this
 * module for `load-locale-script.ts`: see vite.config.ts.)
 */
export const loadLocale = (language: string): Promise<LocaleModule> =>
  import(`./locales/${language}.ts`);
