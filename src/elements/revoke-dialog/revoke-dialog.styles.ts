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
  .person-row {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
    min-inline-size: 0;
  }
  .person {
    display: grid;
    min-inline-size: 0;
  }
  .name,
  .email {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .name {
    font-weight: 600;
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
  .permanent {
    font-weight: 600;
  }
  fieldset {
    display: grid;
    gap: var(--_r-space-2);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: var(--_r-space-2);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_r-space-2);
  }
  .choice input {
    margin: 0;
    accent-color: var(--_r-accent);
  }
`;
