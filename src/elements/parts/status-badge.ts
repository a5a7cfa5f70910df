/**
 * The status badge of a user: Active, Suspended, or Pending with the invitation's expiry.
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { User } from '../../api/types.js';
import { formatRelative } from './clock.js';

/** The badge's label for a status. */
export function statusLabel(status: User['status']): string {
  return status === 'active'
    ? msg('Active')
    : status === 'suspended'
      ? msg('Suspended')
      : msg('Pending');
}

/**
 * Renders `<span part="status" data-status=…>` with the status label; an invitation also shows
 * when it expires ("expires in 3 days", relative to `now`) or "Invitation expired" (then
 * `data-expired` is set). Colours come from `--_r-success` (active), `--_r-warning` (pending),
 * `--_r-text-muted` (suspended) and `--_r-danger` (expired), all AA on the surface.
 * Parts: `status`, `status-detail`. Include {@link statusStyles}.
 */
export function renderStatus(
  user: Pick<User, 'status' | 'inviteExpiresAt'>,
  now: number,
): TemplateResult {
  const expires = user.status === 'invited' ? user.inviteExpiresAt : null;
  const time = expires === null ? NaN : Date.parse(expires);
  const expired = time <= now;
  return html`<span
    part="status"
    class="status-badge"
    data-status=${user.status}
    ?data-expired=${expired}
    ><span class="status-label">${statusLabel(user.status)}</span>${
      Number.isNaN(time)
        ? nothing
        : html` <span part="status-detail" class="status-detail"
            >${
              expired
                ? msg('Invitation expired')
                : msg(str`expires ${formatRelative(expires!, now)}`)
            }</span
          >`
    }</span
  >`;
}

/**
 * Styles of {@link renderStatus}. Its root's class is not `status`, which is the Status
 * column's cell class (and would grey its header).
 */
export const statusStyles = css`
  .status-badge {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: var(--_r-space-1);
    color: var(--_r-text-muted);
  }
  .status-label {
    padding-inline: var(--_r-space-2);
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: var(--_r-font-size-small);
    font-weight: 600;
    white-space: nowrap;
  }
  [data-status='active'] {
    color: var(--_r-success);
  }
  [data-status='invited'] {
    color: var(--_r-warning);
  }
  .status-detail {
    color: var(--_r-text-muted);
    font-size: var(--_r-font-size-small);
  }
  [data-expired] .status-detail {
    color: var(--_r-danger);
  }
`;
