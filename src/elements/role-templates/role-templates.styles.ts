import { css } from 'lit';

export const roleTemplatesStyles = css`
  :host {
    display: block;
  }
  p,
  h2,
  h3 {
    margin: 0;
  }
  .section {
    display: grid;
    gap: var(--_r-space-3);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--_r-space-2) var(--_r-space-4);
  }
  .titles {
    display: grid;
    gap: var(--_r-space-1);
    flex: 1 1 14rem;
  }
  .heading {
    font-size: var(--_r-font-size-large);
  }
  .heading:focus {
    outline: none;
  }
  .list {
    display: grid;
    gap: var(--_r-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .template,
  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--_r-space-2) var(--_r-space-4);
    padding: var(--_r-space-3);
    border: 1px solid var(--_r-border);
    border-radius: var(--_r-radius-large);
    background: var(--_r-surface);
  }
  .state {
    align-items: center;
    justify-content: space-between;
    color: var(--_r-text-muted);
  }
  .summary {
    display: grid;
    gap: var(--_r-space-1);
    flex: 1 1 16rem;
    min-inline-size: 0;
  }
  /* Text from data keeps its own direction, aligned as the page reads (start would follow the text). */
  .titles > *,
  .summary > *,
  .state p {
    overflow-wrap: anywhere;
    unicode-bidi: plaintext;
    text-align: var(--_r-align);
  }
  .name {
    font-size: var(--_r-font-size);
  }
  .description {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    overflow: hidden;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_r-space-2);
  }
  [part='delete-button'] {
    color: var(--_r-danger);
  }
  .matrix {
    flex: 1 1 100%;
    min-inline-size: 0;
  }
`;
