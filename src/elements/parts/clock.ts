/**
 * Time for the views: a shared `$now` that ticks only while something shows relative times,
 * locale-aware relative and exact formatting, and a `<time>` template with the exact time on
 * hover and while what holds it has the keyboard focus.
 */
import { msg } from '@lit/localize';
import { visuallyHidden } from '../../styles/controls.js';
import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import { atom, onMount } from 'nanostores';
import { perLocale } from '../../i18n/localization.js';

/** How often `$now` ticks, in ms. */
export const CLOCK_INTERVAL_MS = 30_000;

/**
 * The current time in ms since the epoch. Refreshed when the first listener subscribes, then
 * every 30 s while it has listeners; no timer runs otherwise.
 */
export const $now = atom(Date.now());

onMount($now, () => {
  $now.set(Date.now());
  const timer = setInterval(() => $now.set(Date.now()), CLOCK_INTERVAL_MS);
  return () => clearInterval(timer);
});

const relativeFormat = perLocale(
  (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
);
const exactFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
);

const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, seconds per unit, use while |diff| is below this many seconds
  ['minute', 60, 45 * 60],
  ['hour', 3600, 22 * 3600],
  ['day', 86_400, 26 * 86_400],
  ['month', 2_629_800, 320 * 86_400],
  ['year', 31_557_600, Infinity],
];

/**
 * `iso` relative to `now` in the current locale: "just now" within 45 s, else "5 minutes ago",
 * "3 hours ago", "yesterday", "in 3 days", … ("Unknown" for an unparsable date).
 */
export function formatRelative(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return msg('Unknown');
  const seconds = (time - now) / 1000;
  const size = Math.abs(seconds);
  if (size < 45) return msg('just now');
  const [unit, per] = UNITS.find(([, , below]) => size < below)!;
  return relativeFormat().format(Math.round(seconds / per), unit);
}

/** `iso` as a date and time in the current locale, e.g. "Mar 4, 2026, 2:05 PM". */
export function formatExact(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return msg('Unknown');
  return exactFormat().format(time);
}

/**
 * A `<time part="time">` showing `iso` relative to `now`; a plain `<span part="time">` saying
 * "Never" for null ("Active now" when `online`: a server may know someone is online without
 * a time of their last activity) and "Unknown" for an unparsable date. The exact time shows as a tooltip on
 * hover (`title`) and, drawn by CSS from that `title` (which itself never shows on focus),
 * while an element around it has the keyboard focus, e.g. a grid row: the time is no tab
 * stop of its own, so a grid keeps its one.
 *
 * Screen readers: `title` is announced unreliably and `aria-label` on `<time>` is not
 * dependably read either, so the exact time is also in the content as visually hidden text
 * ("2 hours ago (Mar 4, 2026, 2:05 PM)"): reachable in browse mode, on focus and in table
 * navigation alike. The focus tooltip's generated text is hidden from the accessibility tree
 * (`content: … / ""`) so it is not read twice. Include {@link relativeTimeStyles}.
 */
export function renderRelativeTime(
  iso: string | null,
  now: number,
  online?: boolean,
): TemplateResult {
  if (iso === null || Number.isNaN(Date.parse(iso))) {
    return html`<span part="time" class="time"
      >${iso !== null ? msg('Unknown') : online ? msg('Active now') : msg('Never')}</span
    >`;
  }
  const exact = formatExact(iso);
  return html`<time part="time" class="time" datetime=${iso} title=${exact}
    >${formatRelative(iso, now)}<span class="time-exact"> (${exact})</span></time
  >`;
}

/** Styles of {@link renderRelativeTime}: the focus tooltip and the visually hidden exact time. */
export const relativeTimeStyles = css`
  .time {
    position: relative;
    /* Direction from the text itself: English text in a right-to-left page stays in order. */
    unicode-bidi: plaintext;
  }
  :focus-visible .time::after {
    content: attr(title) / '';
    position: absolute;
    z-index: 1;
    inset-block-start: calc(100% + var(--_r-space-1));
    inset-inline-start: 0;
    padding-block: var(--_r-space-1);
    padding-inline: var(--_r-space-2);
    border-radius: var(--_r-radius);
    background: var(--_r-text);
    color: var(--_r-surface);
    font-size: var(--_r-font-size-small);
    pointer-events: none;
  }
  .time-exact {
    ${visuallyHidden}
  }
`;
