/**
 * The dialog of `<role-templates>` (registered as `role-template-dialog`): name and description
 * of a new or existing template, checked against the contract's length limits; or the
 * confirmation of a delete, saying how many users hold the template and what they keep. It
 * gathers and confirms; its owner sends, through `run`, and gets back what to say when that
 * failed (the dialog then stays open, with the person's input kept).
 */
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { PropertyDeclarations } from 'lit';
import { MAX_DESCRIPTION_LENGTH, MAX_TEMPLATE_NAME_LENGTH } from '../../api/rules.js';
import type { RoleTemplate } from '../../api/types.js';
import { formatNumber, plural } from '../../i18n/localization.js';
import { describedBy, errorLine } from '../parts/access-fields.js';
import { RosterDialog } from '../parts/dialog.js';

/** What the person asked for. */
export interface TemplateFields {
  name: string;
  description: string;
}

/** Why `run` failed: the sentence, and the field it is about (if any). */
export interface TemplateFailure {
  message: string;
  field?: keyof TemplateFields;
}

/** `show()` resolves to `done` once `run` succeeded, else `cancelled`. */
export type TemplateDialogOutcome = 'done' | 'cancelled';

export class RoleTemplateDialog extends RosterDialog<TemplateDialogOutcome> {
  // Which fields below are reactive (Lit adds the base class's to these).
  static override properties: PropertyDeclarations = {
    errors: { state: true },
    mode: {},
    template: { attribute: false },
    takenNames: { attribute: false },
    run: { attribute: false },
  };
  static override styles = [
    ...RosterDialog.styles,
    css`
      p {
        margin: 0;
      }
      .textarea {
        min-block-size: 5rem;
        resize: vertical;
      }
    `,
  ];

  /** Errors of this opening, by field (`''`: about no field). */
  private errors: Partial<Record<keyof TemplateFields | '', string>> = {};

  /** What it asks: a new template's fields, an existing one's, or to confirm a delete. */
  mode: 'create' | 'edit' | 'delete' = 'create';
  /** The template edited or deleted. */
  template?: RoleTemplate;
  /** Names in use (lower case), for a name check before sending. */
  takenNames: ReadonlySet<string> = new Set();
  /** Sends what was asked; resolves to null on success, else to what to say. */
  run?: (fields: TemplateFields) => Promise<TemplateFailure | null>;

  protected cancelOutcome(): TemplateDialogOutcome {
    return 'cancelled';
  }

  protected reset(): void {
    this.errors = {};
  }

  /** The fields as typed (trimmed name). */
  #fields(): TemplateFields {
    const value = (name: string) =>
      this.renderRoot.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? '';
    return { name: value('name').trim(), description: value('description') };
  }

  /** What is wrong with the fields before sending them, by field. */
  #check({ name, description }: TemplateFields): RoleTemplateDialog['errors'] {
    const errors: RoleTemplateDialog['errors'] = {};
    const own = this.template?.name.toLowerCase();
    if (!name) errors.name = msg('Give the template a name.');
    else if (name.length > MAX_TEMPLATE_NAME_LENGTH)
      errors.name = msg(
        str`At most ${formatNumber(MAX_TEMPLATE_NAME_LENGTH)} characters (now ${formatNumber(name.length)}).`,
      );
    else if (name.toLowerCase() !== own && this.takenNames.has(name.toLowerCase()))
      errors.name = msg('Another template has this name.');
    if (description.length > MAX_DESCRIPTION_LENGTH)
      errors.description = msg(
        str`At most ${formatNumber(MAX_DESCRIPTION_LENGTH)} characters (now ${formatNumber(description.length)}).`,
      );
    return errors;
  }

  async #handleSubmit(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.busy || !this.run) return;
    const fields = this.mode === 'delete' ? { name: '', description: '' } : this.#fields();
    this.errors = this.mode === 'delete' ? {} : this.#check(fields);
    const first = Object.keys(this.errors)[0];
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`[name=${first}]`)?.focus();
      return;
    }
    const run = this.run;
    const failure = await this.whileBusy(() => run(fields));
    if (!failure) this.close('done');
    else this.errors = { [failure.field ?? '']: failure.message };
  }

  protected renderHeading(): string {
    const name = this.template?.name ?? '';
    return this.mode === 'create'
      ? msg('New role template')
      : this.mode === 'edit'
        ? msg(str`Edit ${name}`)
        : msg(str`Delete ${name}?`);
  }

  protected renderBody(): unknown {
    const failed = this.errors[''];
    const alert = failed ? html`<p class="alert" part="alert" role="alert">${failed}</p>` : nothing;
    if (this.mode === 'delete') return html`${this.#renderConsequence()}${alert}`;
    return html`<form id="form" class="body-form" @submit=${this.#handleSubmit}>
        ${this.#renderField('name', msg('Name'), false)}
        ${this.#renderField('description', msg('Description (optional)'), true)}
      </form>
      ${alert}`;
  }

  #renderConsequence(): unknown {
    const count = this.template?.userCount ?? 0;
    return html`<p part="consequence">
      ${
        count === 0
          ? msg('No user has this template.')
          : plural(count, (c) => ({
              one: msg(str`${c} user has this template.`),
              other: msg(str`${c} users have this template.`),
            }))
      }
      ${
        count > 0
          ? msg(
              "They keep their base role and their own permissions, and lose the template's: it is removed from them.",
            )
          : nothing
      }
      <strong>${msg('This cannot be undone.')}</strong>
    </p>`;
  }

  #renderField(name: keyof TemplateFields, label: string, multiline: boolean): unknown {
    const error = this.errors[name];
    const value = this.mode === 'edit' ? (this.template?.[name] ?? '') : '';
    const errorId = `${name}-error`;
    return html`<div class="field">
      <label class="label" for=${name}>${label}</label>
      ${
        multiline
          ? html`<textarea
              id=${name}
              name=${name}
              class="input textarea"
              part="description-input"
              rows="3"
              .value=${value}
              ?disabled=${this.busy}
              aria-invalid=${!!error}
              aria-describedby=${describedBy(error && errorId)}
            ></textarea>`
          : html`<input
              id=${name}
              name=${name}
              class="input"
              part="name-input"
              autocomplete="off"
              .value=${value}
              ?disabled=${this.busy}
              ?autofocus=${true}
              aria-invalid=${!!error}
              aria-describedby=${describedBy(error && errorId)}
            />`
      }
      ${errorLine(errorId, error)}
    </div>`;
  }

  protected renderFooter(): unknown {
    const deleting = this.mode === 'delete';
    const label = this.busy
      ? deleting
        ? msg('Deleting…')
        : msg('Saving…')
      : deleting
        ? msg('Delete template')
        : this.mode === 'create'
          ? msg('Create template')
          : msg('Save');
    return html`${this.renderCancel()}
      <button
        class="button ${deleting ? 'danger' : 'primary'}"
        part="confirm-button"
        type=${deleting ? 'button' : 'submit'}
        form=${deleting ? nothing : 'form'}
        aria-disabled=${this.busy}
        @click=${deleting ? () => void this.#handleSubmit() : nothing}
      >
        ${label}
      </button>`;
  }
}
