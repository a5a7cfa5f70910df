import { html } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { RosterElement } from '../roster-element.js';

/**
 * The users list. (Skeleton: being built.)
 * @summary The "Settings → Users" list.
 */
export class UsersTable extends RosterElement {
  static override styles = [tokens];

  override render() {
    return html``;
  }
}
