import { css } from 'lit';

export const inviteStyles = css`
  :host {
    --_r-chip-background: var(--roster-chip-background, var(--_r-surface-alt));
    --_r-chip-max-size: var(--roster-chip-max-size, 22rem);
    --_r-chips-max-block-size: var(--roster-chips-max-block-size, 12rem);
  }
  form {
    display: grid;
    gap: var(--_r-space-4);
  }
  p {
    margin: 0;
  }
  .messages {
    display: grid;
  }
  /* Empty live regions stay in the accessibility tree, out of the layout (no double gap). */
  .messages:not(:has(p)) {
    position: absolute;
  }
  .messages p + p,
  .messages div + div > p {
    margin-block-start: var(--_r-space-2);
  }
  .emails {
    display: grid;
    gap: var(--_r-space-1);
    padding: var(--_r-space-1);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-surface);
  }
  .emails:focus-within {
    outline: 2px solid var(--_r-focus);
    outline-offset: 2px;
  }
  .emails .input {
    border: none;
    outline: none;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_r-space-1);
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: var(--_r-chips-max-block-size);
    overflow: auto;
    /* Typing in the field below never re-lays out a long list. */
    contain: content;
  }
  .chip {
    display: grid;
    grid-template-columns: minmax(0, auto) auto;
    align-items: center;
    max-inline-size: var(--_r-chip-max-size);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
    background: var(--_r-chip-background);
  }
  .chip.invalid {
    border-color: var(--_r-danger);
    border-style: dashed;
  }
  .chip-edit,
  .chip-remove {
    border: none;
    background: transparent;
    padding-block: var(--_r-space-1);
    padding-inline: var(--_r-space-2);
    cursor: pointer;
  }
  .chip-edit {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip-remove {
    padding-inline: var(--_r-space-1) var(--_r-space-2);
  }
  .chip .error {
    grid-column: 1 / -1;
    padding-inline: var(--_r-space-2);
    padding-block-end: var(--_r-space-1);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_r-space-2);
  }
  .seats[data-full] {
    color: var(--_r-danger);
  }
  .success {
    padding: var(--_r-space-2) var(--_r-space-3);
    border: 1px solid var(--_r-success);
    border-radius: var(--_r-radius);
    color: var(--_r-success);
  }
  .progress {
    color: var(--_r-text-muted);
  }
`;
