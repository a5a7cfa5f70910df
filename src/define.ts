/**
 * Registers every Roster tag, each once: importing this module twice, or beside another copy
 * of Roster, never throws. `roster-provider` comes first so children find their provider.
 */
import { RosterProvider } from './context/roster-provider.js';

const elements: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['roster-provider', RosterProvider],
];

for (const [tag, constructor] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}

declare global {
  interface HTMLElementTagNameMap {
    'roster-provider': RosterProvider;
  }
}
