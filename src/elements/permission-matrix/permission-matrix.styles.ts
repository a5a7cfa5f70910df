import { css } from 'lit';

export const permissionMatrixStyles = css`
  :host {
    --_r-m-full: var(--roster-matrix-full-color, var(--_r-success));
    --_r-m-optional: var(--roster-matrix-optional-color, var(--_r-warning));
    --_r-m-none: var(--roster-matrix-none-color, var(--_r-text-muted));
    --_r-m-header: var(--roster-matrix-header-size, 9rem);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_r-space-3);
  }
  p,
  ul,
  ol {
    margin: 0;
  }
  .region {
    /* Holds the visually hidden texts of its cells, which would overflow the page otherwise. */
    position: relative;
    overflow-x: auto;
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius);
  }
  table {
    inline-size: 100%;
    border-spacing: 0;
  }
  th,
  td {
    padding: var(--_r-space-2) var(--_r-space-3);
    border-block-end: 1px solid var(--_r-border);
    /* Whole-pixel rows: with fractional ones the sticky first column's next cell can paint
       over the line between two rows. */
    line-height: 1.25rem;
    text-align: center;
    white-space: nowrap;
  }
  tbody:last-child tr:last-child > * {
    border-block-end: 0;
  }
  thead th {
    background: var(--_r-surface-alt);
    font-weight: 600;
    vertical-align: bottom;
  }
  th:first-child {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    min-inline-size: var(--_r-m-header);
    border-inline-end: 1px solid var(--_r-border);
    text-align: start;
    white-space: normal;
  }
  tbody th {
    background: var(--_r-surface);
    font-weight: 500;
  }
  .sub th {
    padding-inline-start: var(--_r-space-6);
    font-weight: 400;
    color: var(--_r-text-muted);
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: var(--_r-space-2);
  }
  thead label {
    flex-direction: column;
  }
  input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
    accent-color: var(--_r-ink);
  }
  input[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.5;
  }
  input[data-locked] {
    accent-color: var(--_r-text-muted);
    opacity: 0.8;
  }
  .icon {
    font-weight: 700;
  }
  .full {
    color: var(--_r-m-full);
  }
  .optional {
    color: var(--_r-m-optional);
  }
  .none {
    color: var(--_r-m-none);
  }
  .opt {
    cursor: help;
    border-radius: var(--_r-radius);
    padding-inline: var(--_r-space-1);
  }
  .opt:is(:hover, :focus) {
    anchor-name: --roster-tip;
  }
  sup {
    /* A footnote mark never makes its row taller than the others. */
    line-height: 0;
    color: var(--_r-text-muted);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_r-space-1) var(--_r-space-4);
    padding: 0;
    list-style: none;
  }
  .notes,
  .summary ul {
    padding-inline-start: var(--_r-space-6);
  }
  .tip {
    position-anchor: --roster-tip;
    position-area: block-end;
    position-try-fallbacks: flip-block;
    max-inline-size: 18rem;
    margin: var(--_r-space-1);
    padding: var(--_r-space-2) var(--_r-space-3);
    font-size: var(--_r-font-size-small);
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_r-space-2);
  }
`;
