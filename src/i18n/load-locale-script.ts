import type { LocaleModule } from '@lit/localize/internal/types.js';

/** The folder of the locale files: `locales/` beside the script (read while it runs). */
const folder = new URL(
  'locales/',
  (document.currentScript as HTMLScriptElement | null)?.src ?? location.href,
);

/**
 * A locale's texts, in the script-tag build: `locales/<language>.js` from beside the script,
 * an ES module imported on demand (same origin as the script, so a strict CSP allows it), so
 * the script carries English only.
 */
export const loadLocale = (language: string): Promise<LocaleModule> =>
  import(/* @vite-ignore */ `${folder.href}${language}.js`);
