/**
 * A tiny element that renders one part template with every part's styles, for the part tests.
 */
import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { fixture } from '@open-wc/testing';
import { avatarStyles } from '../../../src/elements/parts/avatar.js';
import { relativeTimeStyles } from '../../../src/elements/parts/clock.js';
import { seatMeterStyles } from '../../../src/elements/parts/seat-meter.js';
import { statusStyles } from '../../../src/elements/parts/status-badge.js';
import { tokens } from '../../../src/styles/tokens.js';

export class PartHost extends LitElement {
  static override styles = [
    tokens,
    avatarStyles,
    relativeTimeStyles,
    statusStyles,
    seatMeterStyles,
  ];

  /** The template to render. */
  @property({ attribute: false }) template: TemplateResult | null = null;

  override render() {
    return html`<p>Part under test: ${this.template ?? nothing}</p>`;
  }
}
if (!customElements.get('part-host')) customElements.define('part-host', PartHost);

declare global {
  interface HTMLElementTagNameMap {
    'part-host': PartHost;
  }
}

/** Renders `template` in a fresh `<part-host>` and returns the host. */
export function renderPart(template: TemplateResult): Promise<PartHost> {
  return fixture<PartHost>(html`<part-host .template=${template}></part-host>`);
}

/** The element with `part` inside the host's shadow root. */
export function part<T extends Element = HTMLElement>(host: PartHost, name: string): T {
  const found = host.shadowRoot!.querySelector<T>(`[part~='${name}']`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}

/** Whether the host renders a `part`. */
export function hasPart(host: PartHost, name: string): boolean {
  return host.shadowRoot!.querySelector(`[part~='${name}']`) !== null;
}
