/**
 * Roster's texts in the reader's language. Messages are lit-localize's `msg()` (ids, `str`
 * templates, `updateWhenLocaleChanges` and the XLIFF → module tooling are its); this module is
 * the runtime that picks the locale and the templates, in place of lit-localize's own
 * `configureLocalization`, for three things that one cannot do: a host's own wording of any
 * message (in English too), the page's `lang` as the default, and, in the script-tag build,
 * locale files fetched from beside the script rather than bundled into it.
 *
 * One locale for the page (as lit-localize has it): the last one asked for by
 * `configure({ locale })` or an element's `locale` attribute, else `<html lang>`, watched.
 */
import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { LOCALE_STATUS_EVENT } from '@lit/localize/internal/locale-status-event.js';
import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';
import type { MsgFn, TemplateMap } from '@lit/localize/internal/types.js';
import { msg, str } from '@lit/localize';
import { RosterErrorEvent } from '../events.js';
import { loadLocale } from './load-locale.js';
import { targetLocales } from './locale-codes.js';

/** A host's wording, per locale: English message text (`${0}` for a value) → its own text. */
export type MessageOverrides = Record<string, Record<string, string>>;

let active = 'en';
let templates: TemplateMap | undefined;
let overrides: MessageOverrides = {};
/** The locale asked for explicitly (configure, an attribute); `<html lang>` only until then. */
let chosen = '';
let request = 0;

_installMsgImplementation(((template, options) =>
  runtimeMsg(templates, template, options)) as MsgFn);

/** The active locale: a BCP 47 tag Roster has texts for (`de-AT` keeps its region for `Intl`). */
export const getLocale = (): string => active;

/**
 * Switches every Roster element to `tag` (e.g. `de`, `ar-EG`), loading its texts first.
 * A tag Roster has no texts for falls back on English; a malformed one throws a RangeError.
 * Resolves once the elements show it; rejects, the locale unchanged, if its file cannot load.
 */
export function setLocale(tag: string): Promise<void> {
  chosen = tag;
  return switchTo(tag);
}

async function switchTo(tag: string): Promise<void> {
  const [canonical = 'en'] = Intl.getCanonicalLocales(tag);
  const language = canonical.split('-')[0]!;
  const known = (targetLocales as readonly string[]).includes(language);
  const locale = known ? canonical : 'en';
  const mine = ++request;
  const loaded: TemplateMap = known ? (await loadLocale(language)).templates : {};
  if (mine !== request) return;
  active = locale;
  templates = { ...loaded, ...compile(overrides[language] ?? {}) };
  window.dispatchEvent(
    new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }),
  );
}

/**
 * An element's `locale` attribute: sets the page's locale; a tag that cannot be used (malformed,
 * or its file did not load) is a `roster-error` from `host`, and the texts stay as they were.
 */
export function localeOf(host: HTMLElement, tag: string | undefined): void {
  if (tag)
    setLocale(tag).catch((error: unknown) =>
      host.dispatchEvent(
        new RosterErrorEvent(
          msg(str`The texts for the language ${tag} could not be loaded.`),
          error,
        ),
      ),
    );
}

/**
 * Sets the host's own wording of messages, per language, keyed by the English text as Roster
 * writes it, with `${0}`, `${1}`… for the values in the order English has them, e.g.
 * `{ en: { 'Invite users': 'Add teammates' }, de: { 'Revoke ${0} users': '${0} Personen entfernen' } }`.
 * (Every English text is a `<source>` in `xliff/*.xlf`.) Applies at once.
 */
export function setMessages(messages: MessageOverrides): Promise<void> {
  overrides = messages;
  return switchTo(active);
}

/** Overrides as lit-localize templates: the id of the English text → a `str`-like template. */
function compile(words: Record<string, string>): TemplateMap {
  const map: TemplateMap = {};
  const hole = /\$\{(\d+)\}/;
  for (const [english, text] of Object.entries(words)) {
    const parts = text.split(hole);
    map[
      generateMsgId(
        english.split(hole).filter((_, i) => i % 2 == 0),
        false,
      )
    ] =
      parts.length > 1
        ? {
            strTag: true,
            strings: parts.filter((_, i) => i % 2 == 0) as unknown as TemplateStringsArray,
            values: parts.filter((_, i) => i % 2 == 1).map(Number),
          }
        : text;
  }
  return map;
}

// Until a locale is chosen, the page's language, also when the page changes it (nothing to do
// at start-up for an English page: English is what the elements start in).
const followPage = () => {
  const lang = document.documentElement.lang || 'en';
  if (!chosen && lang != active) switchTo(lang).catch(() => {});
};
new MutationObserver(followPage).observe(document.documentElement, { attributeFilter: ['lang'] });
followPage();

/** One value per locale, made on first use (Intl objects are costly to build per call). */
export function perLocale<T>(make: (locale: string) => T): () => T {
  const made = new Map<string, T>();
  return () => {
    const locale = getLocale();
    let value = made.get(locale);
    if (!value) made.set(locale, (value = make(locale)));
    return value;
  };
}

const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale));
const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));

/** A count for people in the current locale, e.g. "1,000" in English: every count shown goes through this. */
export function formatNumber(value: number): string {
  return numberFormat().format(value);
}

/** A message's whole sentence per plural category; `other` is the one every locale has. */
export interface PluralForms {
  one: string;
  other: string;
}

/**
 * The form of a counted message that `Intl.PluralRules` picks for `count` in the current
 * locale. `forms` gets the count already formatted (see {@link formatNumber}) and gives the
 * English `one` and `other` forms, each its own `msg()`, so each is a message with a static
 * template that `lit-localize extract` lists and a translator words whole:
 *
 *     plural(n, (c) => ({ one: msg(str`Revoke ${c} user`), other: msg(str`Revoke ${c} users`) }))
 *
 * A locale with more categories (Arabic: zero, one, two, few, many, other) words them all in
 * its translation of `other`, each after its name and `=`, separated by `|`:
 * `zero=…|two=…|few=# …|many=# …|other=${0} …`; the form for `count`'s category is picked
 * from it, else the last (`other`). lit-localize lets a translation use each value once, so the
 * last form holds the values and the others write the count as `#`.
 */
export function plural(count: number, forms: (count: string) => PluralForms): string {
  const formatted = formatNumber(count);
  const words = forms(formatted);
  const category = pluralRules().select(count);
  if (category == 'one') return words.one;
  const split = words.other.split(/\|(?=[a-z]+=)/);
  if (split.length < 2) return words.other;
  const last = split.at(-1)!;
  const form = split.find((text) => text.startsWith(category + '=')) ?? last;
  const text = form.replace(/^[a-z]+=/, '');
  return form == last ? text : text.replaceAll('#', formatted);
}
