import { css } from 'lit';

/**
 * The design tokens, defined once. A host page themes Roster by setting any `--roster-*`
 * custom property on an ancestor (or `:root`); each element reads the private `--_r-*`
 * copies below, which fall back to Roster's defaults. Include `tokens` first in every
 * element's `static styles`.
 *
 * Light and dark: every default colour is a `light-dark()` pair, so the elements follow the
 * reader's `prefers-color-scheme`; `theme="light"|"dark"` on an element, or
 * `--roster-color-scheme: light|dark` on an ancestor, fixes one. Each pair meets WCAG AA
 * contrast on its own surface (test/elements/theme.test.ts checks them).
 *
 * Brand: `--roster-color-brand` is the one colour a white-label portal sets. Primary buttons
 * wear it as given; their text is black or white, whichever contrasts more (at luminance 0.18
 * the two are equal); the `ink` (focus ring, selected tab, checkboxes, the seat meter) is
 * the brand darkened or lightened until it contrasts with the surface; hover moves the
 * button away from its text. `--roster-color-accent`, `-accent-text` and `-focus` still
 * override each one.
 *
 * Density: `density="compact"` shortens rows (the windowing measures them), controls and gaps.
 */
export const tokens = css`
  :host {
    --_r-font: var(--roster-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_r-font-size: var(--roster-font-size, 0.875rem);
    --_r-font-size-small: var(--roster-font-size-small, 0.75rem);
    --_r-font-size-large: var(--roster-font-size-large, 1.125rem);
    --_r-line-height: var(--roster-line-height, 1.45);

    /* Nothing inherited from the page (its letter-spacing, text-transform, bold, italic,
       text-align…) but the direction, the language and whether it is visible. */
    all: initial;
    visibility: inherit;
    color-scheme: var(--roster-color-scheme, light dark);
    --_r-surface: var(--roster-color-surface, light-dark(#fff, #111827));
    --_r-surface-alt: var(--roster-color-surface-alt, light-dark(#f5f6f8, #1f2937));
    --_r-surface-raised: var(--roster-color-surface-raised, light-dark(#fff, #1f2937));
    --_r-text: var(--roster-color-text, light-dark(#1b1f24, #f3f4f6));
    --_r-text-muted: var(--roster-color-text-muted, light-dark(#57606a, #9ca3af));
    --_r-border: var(--roster-color-border, light-dark(#d0d7de, #374151));
    --_r-accent: var(
      --roster-color-accent,
      var(--roster-color-brand, light-dark(#1f5fd1, #3b82f6))
    );
    --_r-accent-text: var(
      --roster-color-accent-text,
      color(
        from var(--_r-accent) xyz calc((0.18 - y) * 1e6) calc((0.18 - y) * 1e6)
          calc((0.18 - y) * 1e6)
      )
    );
    --_r-ink: light-dark(
      lch(from var(--_r-accent) min(l, 48) c h),
      lch(from var(--_r-accent) max(l, 66) c h)
    );
    --_r-danger: var(--roster-color-danger, light-dark(#b42318, #f87171));
    --_r-danger-text: var(--roster-color-danger-text, light-dark(#fff, #111827));
    --_r-warning: var(--roster-color-warning, light-dark(#b54708, #fbbf24));
    --_r-success: var(--roster-color-success, light-dark(#1a7f37, #4ade80));
    --_r-online: var(--roster-color-online, #1a7f37);
    --_r-focus: var(--roster-color-focus, var(--_r-ink));
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

    background: var(--_r-surface);
    font: var(--_r-font-size) / var(--_r-line-height) var(--_r-font);
    color: var(--_r-text);
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([density='compact']) {
    --_r-space-3: var(--roster-space-3, 0.5rem);
    --_r-space-4: var(--roster-space-4, 0.75rem);
    --_r-control-height: var(--roster-control-height, 1.875rem);
    --_r-row-height: var(--roster-row-height, 2.5rem);
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
