/**
 * The seat meter: how many seats the workspace uses out of its plan's limit.
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Seats } from '../../api/types.js';
import { formatNumber, plural } from '../../i18n/localization.js';

/** Share of the limit from which the meter shows the "near the limit" state. */
const SEATS_NEAR_SHARE = 0.8;

/**
 * Renders "18 of 20 seats" and a native `<meter>` bar (decorative: the text says it all), or
 * "18 seats · no limit" when the plan has none. The root carries `data-full` when no seat is
 * left and `data-near` from 80 % of the limit. Parts: `seat-meter`, `seat-meter-label`,
 * `seat-meter-bar`. Include {@link seatMeterStyles}.
 */
export function renderSeatMeter(seats: Seats): TemplateResult {
  const { used, limit } = seats;
  const full = limit !== null && used >= limit;
  const near = limit !== null && !full && used >= limit * SEATS_NEAR_SHARE;
  const label =
    limit === null
      ? plural(used, (c) => ({
          one: msg(str`${c} seat · no limit`),
          other: msg(str`${c} seats · no limit`),
        }))
      : plural(limit, (c) => ({
          one: msg(str`${formatNumber(used)} of ${c} seat`),
          other: msg(str`${formatNumber(used)} of ${c} seats`),
        }));
  return html`<span part="seat-meter" class="seat-meter" ?data-full=${full} ?data-near=${near}
    ><span part="seat-meter-label" class="seat-meter-label">${label}</span>${
      limit === null
        ? nothing
        : html`<meter
            part="seat-meter-bar"
            class="seat-meter-bar"
            aria-hidden="true"
            min="0"
            max=${Math.max(limit, 1)}
            value=${Math.min(used, Math.max(limit, 1))}
          ></meter>`
    }</span
  >`;
}

/**
 * Styles of {@link renderSeatMeter}: the label in the text colour at the normal size; the bar
 * uses `--_r-ink` (the brand as a mark on the surface), near `--_r-warning`, full `--_r-danger`. Its track is the text colour
 * mixed 12 % into the surface, so any fill that is AA on the surface (light or dark) is 3:1 on
 * the track.
 */
export const seatMeterStyles = css`
  .seat-meter-label {
    unicode-bidi: plaintext;
  }
  .seat-meter {
    --_r-seat-fill: var(--_r-ink);
    display: inline-flex;
    align-items: center;
    gap: var(--_r-space-2);
    color: var(--_r-text);
  }
  .seat-meter[data-near] {
    --_r-seat-fill: var(--_r-warning);
  }
  .seat-meter[data-full] {
    --_r-seat-fill: var(--_r-danger);
    color: var(--_r-danger);
    font-weight: 600;
  }
  .seat-meter-bar {
    appearance: none;
    inline-size: 6rem;
    block-size: 0.5rem;
    border: 0;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_r-text) 12%, var(--_r-surface));
    overflow: hidden;
  }
  /* The track is the meter's own background; Chromium's track pseudo-element is cleared. */
  .seat-meter-bar::-webkit-meter-bar {
    background: none;
  }
  .seat-meter-bar::-webkit-meter-optimum-value,
  .seat-meter-bar::-webkit-meter-suboptimum-value,
  .seat-meter-bar::-webkit-meter-even-less-good-value {
    background: var(--_r-seat-fill);
  }
  .seat-meter-bar::-moz-meter-bar {
    background: var(--_r-seat-fill);
  }
`;
