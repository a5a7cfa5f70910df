import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';

/**
 * A plain `type=button` button with its `part` (`variant`: `primary`, `danger`, `quiet`…);
 * `label` overrides its accessible name (keep the visible text in it), `expanded` sets
 * `aria-expanded`. One template for Roster's many buttons, instead of one each.
 */
export function button(
  part: string,
  text: string,
  onClick: () => void,
  variant = '',
  disabled = false,
  label?: string,
  expanded?: boolean,
): TemplateResult {
  return html`<button
    class="button ${variant}"
    part=${part}
    type="button"
    aria-label=${label ?? nothing}
    aria-expanded=${expanded ?? nothing}
    ?disabled=${disabled}
    @click=${onClick}
  >
    ${text}
  </button>`;
}
