import { css } from 'lit';

export const revokeDialogStyles = css`
  :host {
    --_r-revoke-list-size: var(--roster-revoke-list-size, 12rem);
  }
  p {
    margin: 0;
  }
  .who {
    display: grid;
    gap: var(--_r-space-2);
    max-block-size: var(--_r-revoke-list-size);
    margin: 0;
    padding: 0;
    overflow: auto;
    list-style: none;
  }
  .note {
    font-size: var(--_r-font-size-small);
  }
  .note.done {
    color: var(--_r-success);
  }
  .note.failed {
    color: var(--_r-danger);
  }
  .note.skipped {
    color: var(--_r-warning);
  }
  .contacts {
    gap: var(--_r-space-2);
  }
  .permanent {
    font-weight: 600;
  }
`;
