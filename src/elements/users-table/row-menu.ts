/**
 * The row actions menu of `<users-table>`: one popover per table, its items exactly the
 * actions the server allows on the user (`allowedActions`). ↑ ↓ Home End and typeahead move
 * between items, Escape or Tab close it back to its button, focus leaving it closes it. A
 * ReactiveController with its own state and `render()`; the host acts on the chosen item.
 */
import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { LitElement, ReactiveController, TemplateResult } from 'lit';
import { displayName } from '../../api/rules.js';
import type { User } from '../../api/types.js';
import { targetItem } from './grid.js';

export interface RowMenuOptions {
  /** A known user by id (undefined once the user left). */
  user: (id: string) => User | undefined;
  /** A role's name by id. */
  roleName: (id: string) => string;
  /** How the workspace removes users. */
  removal: () => 'revoke' | 'delete';
  /**
   * Called when an item is chosen, once the menu closed and gave the focus back to its button.
   * Items: `edit`, `role:<id>`, `resend`, `suspend`, `reactivate`, `revoke`.
   */
  onChoose: (user: User, item: string) => void;
}

/** One entry of the row menu. */
interface MenuItem {
  id: string;
  label: string;
  danger?: boolean;
}

export class RowMenuController implements ReactiveController {
  /** The user whose menu is open. */
  #userId: string | null = null;
  /** The actions button the menu opened from. */
  #button: HTMLElement | null = null;

  readonly #host: LitElement;
  readonly #options: RowMenuOptions;

  constructor(host: LitElement, options: RowMenuOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Before each render: the user whose menu is open left (removed elsewhere): no menu of nobody. */
  hostUpdate(): void {
    if (this.#userId !== null && !this.#user) this.close(false);
  }

  /** The id of the user whose menu is open, or null. */
  get openFor(): string | null {
    return this.#userId;
  }

  /** Opens the menu of `userId` from its actions `button`, or closes it if it is theirs. */
  async toggle(button: HTMLElement, userId: string): Promise<void> {
    if (this.#userId === userId) {
      this.close(true);
      return;
    }
    this.#button = button;
    this.#userId = userId;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const menu = this.#menu;
    if (!menu) return;
    if (!menu.matches(':popover-open')) menu.showPopover();
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }

  /** Closes the menu (when open), focusing its button again with `returnFocus`. */
  close(returnFocus: boolean): void {
    if (this.#userId === null) return;
    const menu = this.#menu;
    this.#userId = null;
    this.#host.requestUpdate();
    if (menu?.matches(':popover-open')) menu.hidePopover();
    if (returnFocus && this.#button?.isConnected) this.#button.focus();
  }

  get #user(): User | undefined {
    return this.#userId === null ? undefined : this.#options.user(this.#userId);
  }

  get #menu(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.menu');
  }

  #items(user: User): MenuItem[] {
    const a = user.allowedActions;
    const { roleName } = this.#options;
    const items: MenuItem[] = [];
    if (a.edit) items.push({ id: 'edit', label: msg('Edit') });
    for (const role of a.changeRole)
      items.push({ id: `role:${role}`, label: msg(str`Change role to ${roleName(role)}`) });
    if (a.resendInvitation) items.push({ id: 'resend', label: msg('Resend invitation') });
    if (a.suspend) items.push({ id: 'suspend', label: msg('Suspend') });
    if (a.reactivate) items.push({ id: 'reactivate', label: msg('Reactivate') });
    if (a.revoke)
      items.push({
        id: 'revoke',
        label: this.#options.removal() === 'delete' ? msg('Delete user') : msg('Revoke access'),
        danger: true,
      });
    return items;
  }

  #handleFocusout(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    // Focus left the menu (a click or Tab elsewhere): close it, leaving the focus there. A
    // click on its own button closes it through the button's click.
    if (this.#menu?.contains(next) || next === this.#button) return;
    this.close(false);
  }

  #handleKeydown(event: KeyboardEvent): void {
    const items = [...(this.#menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(event.target as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      this.close(true);
      return;
    }
    const next = targetItem(event.key, index, items.length);
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
      return;
    }
    if (event.key.length === 1 && /\S/.test(event.key)) {
      // Typeahead: the next item starting with the typed character.
      const key = event.key.toLocaleLowerCase();
      const order = [...items.slice(index + 1), ...items.slice(0, index + 1)];
      order.find((item) => item.textContent?.trim().toLocaleLowerCase().startsWith(key))?.focus();
    }
  }

  #handleClick(event: Event): void {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-item]');
    const user = this.#user;
    if (!item || !user) return;
    this.close(true);
    this.#options.onChoose(user, item.dataset.item!);
  }

  /** The menu popover (always in the DOM; its items only while open). */
  render(): TemplateResult {
    const user = this.#user;
    return html`<div
      id="menu"
      class="popup menu"
      part="menu"
      role="menu"
      popover="manual"
      aria-label=${user ? msg(str`Actions for ${displayName(user)}`) : msg('Actions')}
      @focusout=${(event: FocusEvent) => this.#handleFocusout(event)}
      @keydown=${(event: KeyboardEvent) => this.#handleKeydown(event)}
      @click=${(event: Event) => this.#handleClick(event)}
    >
      ${
        user
          ? this.#items(user).map(
              (item) =>
                html`<button
                  class="menu-item ${item.danger ? 'danger' : ''}"
                  part="menu-item"
                  role="menuitem"
                  type="button"
                  tabindex="-1"
                  data-item=${item.id}
                >
                  ${item.label}
                </button>`,
            )
          : nothing
      }
    </div>`;
  }
}
