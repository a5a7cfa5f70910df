import { css } from 'lit';

/** Styles of `<edit-user-dialog>` (on top of the dialog shell, controls and parts). */
export const editUserStyles = css`
  form {
    display: grid;
    gap: var(--_r-space-4);
  }
  .note,
  .warning {
    margin: 0;
    padding-block: var(--_r-space-2);
    padding-inline: var(--_r-space-3);
    border-inline-start: 3px solid var(--_r-border);
    background: var(--_r-surface-alt);
  }
  .warning {
    border-inline-start-color: var(--_r-warning);
  }
  /* Out of the layout while empty, yet still in the accessibility tree (a live region). */
  .notice:empty {
    position: absolute;
  }
  .notice {
    margin: 0;
    color: var(--_r-success);
  }
  .alert {
    margin: 0;
  }
  .alert:focus {
    outline: 2px solid var(--_r-focus);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: var(--_r-space-1) var(--_r-space-3);
    margin: 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .changes {
    display: grid;
    gap: var(--_r-space-1);
    margin: 0;
    padding-inline-start: var(--_r-space-4);
  }
  .changes:focus {
    outline: none;
  }
  .changes-box:focus-within {
    outline: 2px solid var(--_r-focus);
    outline-offset: 2px;
  }
  .changes-box {
    display: grid;
    gap: var(--_r-space-2);
  }
  .conflict {
    inline-size: 100%;
    border-collapse: collapse;
    /* The default auto layout: columns as wide as their texts need (fixed thirds broke
       "Manager" at 320 px); any word may still wrap (the body's overflow-wrap), so a long
       value never widens the table. */
  }
  .conflict caption {
    text-align: start;
    padding-block-end: var(--_r-space-2);
  }
  .conflict th,
  .conflict td {
    padding: var(--_r-space-1) var(--_r-space-2);
    border: 1px solid var(--_r-border);
    text-align: start;
    vertical-align: top;
  }
  /* Field names and headings keep their words whole; only the values may break anywhere. */
  .conflict th {
    overflow-wrap: break-word;
  }
  .conflict thead th {
    background: var(--_r-surface-alt);
  }
  .conflict td[data-differs] {
    font-weight: 600;
  }
  .footer-hint {
    align-self: center;
    margin-inline-end: auto;
  }
`;
