import { css, unsafeCSS } from 'lit';

/**
 * Declarations that hide text visually but keep it for screen readers, to put inside a rule.
 * A constant string rather than a css`` template: the build minifies css`` templates as
 * whole style sheets, which a bare declaration list is not. (No outside input: safe.)
 */
export const visuallyHidden = unsafeCSS(
  'position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap',
);

/**
 * Shared looks of Roster's native controls (buttons, text fields, selects, checkboxes,
 * inline alerts, popovers), all from the tokens. Include after `tokens` in an element's styles and
 * give each control its own `part` so hosts can restyle it.
 */
export const controls = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_r-space-2);
    min-block-size: var(--_r-control-height);
    padding-block: 0;
    padding-inline: var(--_r-space-3);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface);
    color: var(--_r-text);
    cursor: pointer;
    white-space: nowrap;
    transition:
      background var(--_r-transition),
      border-color var(--_r-transition);
  }
  .button:not(.primary, .danger):hover:not(:disabled) {
    background: var(--_r-surface-alt);
  }
  /* A filled button wears --_b with text --_t; hover moves it away from its text. */
  .button.primary {
    --_b: var(--_r-accent);
    --_t: var(--_r-accent-text);
  }
  .button.danger {
    --_b: var(--_r-danger);
    --_t: var(--_r-danger-text);
  }
  .button:is(.primary, .danger) {
    background: var(--_b);
    border-color: var(--_b);
    color: var(--_t);
  }
  .button:is(.primary, .danger):hover:not(:disabled) {
    background: color-mix(in oklab, var(--_b) 85%, lch(from var(--_t) calc(100 - l) 0 0));
  }
  .button.quiet {
    border-color: transparent;
    background: transparent;
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }

  .field {
    display: grid;
    gap: var(--_r-space-1);
  }
  .label {
    font-weight: 600;
  }
  .hint {
    color: var(--_r-text-muted);
    font-size: var(--_r-font-size-small);
  }
  .input,
  .select {
    box-sizing: border-box;
    min-block-size: var(--_r-control-height);
    inline-size: 100%;
    padding-block: var(--_r-space-1);
    padding-inline: var(--_r-space-2);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface);
  }
  .input[aria-invalid='true'],
  .select[aria-invalid='true'] {
    border-color: var(--_r-danger);
  }
  .error {
    color: var(--_r-danger);
    font-size: var(--_r-font-size-small);
  }
  .alert {
    padding: var(--_r-space-2) var(--_r-space-3);
    border: 1px solid var(--_r-danger);
    border-radius: var(--_r-radius);
    color: var(--_r-danger);
    background: var(--_r-surface);
  }

  /* A popover's box (a menu, a tooltip): placed by its own rule, anchored to its opener. */
  .popup {
    inset: auto;
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface-raised);
    color: var(--_r-text);
    box-shadow: var(--_r-shadow);
  }

  :focus-visible {
    outline: 2px solid var(--_r-focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    ${visuallyHidden}
  }
`;
