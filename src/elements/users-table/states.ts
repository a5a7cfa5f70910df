/**
 * The views `<users-table>` shows instead of its grid: a titled message (not connected, a
 * failed load with Retry, not allowed to view users), the loading placeholders, and the empty
 * list (no users yet, or none matching the search and filters, with a button clearing them).
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { topRole } from '../../api/rules.js';
import type { RosterStore, ViewQuery } from '../../store/index.js';
import { button } from '../parts/button.js';

/** A message with a title; with `retry`, a Retry button calling it. */
export function renderState(title: string, text: string, retry?: () => void): TemplateResult {
  return html`<div class="state" part="state">
    <p class="state-title">${title}</p>
    <p>${text}</p>
    ${retry ? button('retry-button', msg('Retry'), retry) : nothing}
  </div>`;
}

/**
 * The actor may not view users: who to ask, in the server's own words (the workspace's name
 * and its top role's, e.g. "Ask someone with the Admin role in Globex for access."); a name
 * that could not load is left out of the sentence, not left blank.
 */
export function renderNoAccess(store: RosterStore): TemplateResult {
  const place = store.$workspace.get()?.name;
  const role = topRole(store.$roles.get())?.name;
  const ask =
    role && place
      ? msg(str`Ask someone with the ${role} role in ${place} for access.`)
      : role
        ? msg(str`Ask someone with the ${role} role for access.`)
        : place
          ? msg(str`Ask someone who manages users in ${place} for access.`)
          : msg('Ask someone who manages users for access.');
  return renderState(
    place ? msg(str`You cannot view the users of ${place}`) : msg('You cannot view users'),
    `${msg('Your role does not include user management.')} ${ask}`,
  );
}

/** Placeholder rows while the first page loads (announced once as loading). */
export function renderSkeleton(): TemplateResult {
  return html`<div class="loading" role="status">
    <span class="visually-hidden">${msg('Loading users…')}</span>
    ${[0, 1, 2, 3, 4, 5].map(
      () =>
        html`<div class="skeleton" part="skeleton" aria-hidden="true">
          <span></span><span></span><span></span><span></span>
        </div>`,
    )}
  </div>`;
}

/** No rows: no users yet, or none for `query` (then `clear` clears the search and filters). */
export function renderEmpty(query: ViewQuery, clear: () => void): TemplateResult {
  const filtered =
    query.q !== '' || query.role !== null || query.status !== null || query.inactive !== null;
  if (!filtered) return renderState(msg('No users yet'), msg('Invite people to work with you.'));
  return html`<div class="state" part="state">
    <p class="state-title">
      ${
        query.q
          ? msg(str`No users match “${query.q}”`)
          : query.inactive !== null
            ? msg('No inactive users match these filters')
            : msg('No users match these filters')
      }
    </p>
    ${button('clear-search-button', msg('Clear search'), clear)}
  </div>`;
}
