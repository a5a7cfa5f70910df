import { css } from 'lit';

export const inviteStyles = css`
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
  .seats[data-full] {
    color: var(--_r-danger);
  }
  .success {
    padding: var(--_r-space-2) var(--_r-space-3);
    border: 1px solid var(--_r-success);
    border-radius: var(--_r-radius);
    color: var(--_r-success);
  }
  [part='refine-button'] {
    justify-self: start;
  }
  .progress {
    color: var(--_r-text-muted);
  }
`;
