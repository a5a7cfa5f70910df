import { css } from 'lit';

/**
 * The design tokens, defined once. A host page themes Roster by setting any `--roster-*`
 * custom property on an ancestor (or `:root`); each element reads the private `--_r-*`
 * copies below, which fall back to Roster's defaults. Include `tokens` first in every
 * element's `static styles`.
 *
 * Colours meet WCAG AA contrast on their paired surface.
 *
 * Dark mode: a host sets the page colours dark, e.g. `--roster-color-surface: #111827`,
 * `-surface-alt` and `-surface-raised: #1f2937`, `-text: #f3f4f6`, `-text-muted: #9ca3af`,
 * `-border: #374151`, `-accent: #3b82f6`, `-accent-text: #111827`, `-danger: #f87171`,
 * `-danger-text: #111827`, `-warning: #fbbf24`, `-success: #4ade80`, `-focus: #60a5fa`
 * (the set the part tests check). The avatar tones, `--roster-avatar-text` and the presence
 * dot's `--roster-color-online`/`-offline` pair with each other, not with the page: keep them.
 */
export const tokens = css`
  :host {
    --_r-font: var(--roster-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_r-font-size: var(--roster-font-size, 0.875rem);
    --_r-font-size-small: var(--roster-font-size-small, 0.75rem);
    --_r-font-size-large: var(--roster-font-size-large, 1.125rem);
    --_r-line-height: var(--roster-line-height, 1.45);

    --_r-surface: var(--roster-color-surface, #ffffff);
    --_r-surface-alt: var(--roster-color-surface-alt, #f5f6f8);
    --_r-surface-raised: var(--roster-color-surface-raised, #ffffff);
    --_r-text: var(--roster-color-text, #1b1f24);
    --_r-text-muted: var(--roster-color-text-muted, #57606a);
    --_r-border: var(--roster-color-border, #d0d7de);
    --_r-accent: var(--roster-color-accent, #1f5fd1);
    --_r-accent-text: var(--roster-color-accent-text, #ffffff);
    --_r-danger: var(--roster-color-danger, #b42318);
    --_r-danger-text: var(--roster-color-danger-text, #ffffff);
    --_r-warning: var(--roster-color-warning, #b54708);
    --_r-success: var(--roster-color-success, #1a7f37);
    --_r-online: var(--roster-color-online, #1a7f37);
    --_r-focus: var(--roster-color-focus, #1f5fd1);
    --_r-backdrop: var(--roster-color-backdrop, rgb(15 20 25 / 45%));

    --_r-radius: var(--roster-radius, 6px);
    --_r-radius-large: var(--roster-radius-large, 10px);
    --_r-space-1: var(--roster-space-1, 0.25rem);
    --_r-space-2: var(--roster-space-2, 0.5rem);
    --_r-space-3: var(--roster-space-3, 0.75rem);
    --_r-space-4: var(--roster-space-4, 1rem);
    --_r-space-6: var(--roster-space-6, 1.5rem);
    --_r-control-height: var(--roster-control-height, 2.25rem);
    --_r-row-height: var(--roster-row-height, 3.5rem);
    --_r-avatar-size: var(--roster-avatar-size, 2rem);
    --_r-shadow: var(--roster-shadow, 0 8px 28px rgb(15 20 25 / 18%));
    --_r-transition: var(--roster-transition, 120ms ease);
    /* How text from data aligns (it keeps its own direction): as the page reads. */
    --_r-align: left;

    font-family: var(--_r-font);
    font-size: var(--_r-font-size);
    line-height: var(--_r-line-height);
    color: var(--_r-text);
  }

  :host(:dir(rtl)) {
    --_r-align: right;
  }

  :host([hidden]) {
    display: none !important;
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --_r-transition: 0s;
    }
  }
`;
