/**
 * `<role-templates>` with answers the contract allows that the elements have no words of their
 * own for (issue 12): a code of the backend's own, and a field error about a field the
 * template dialog does not show. Each is said in the server's words.
 */
import { expect } from '@open-wc/testing';
import { problemOf } from '../problem.js';
import { confirm, fill, inItem, isOpen, opened, part, setup, text } from './helpers.js';

const tenant = { preset: 'tenant' } as const;

/** Renames Analyst into `answer`; the dialog, still open, and the roster-error messages. */
async function renameInto(answer: () => Response) {
  const s = await setup(tenant, 'admin');
  const errors: string[] = [];
  s.el.addEventListener('roster-error', (e) => errors.push(e.message));
  inItem<HTMLButtonElement>(s.el, 'Analyst', 'edit-button').click();
  const dialog = await opened(s.el);
  fill(dialog, 'Renamed');
  s.net.failure = answer;
  await confirm(dialog);
  return { s, dialog, errors };
}

describe('<role-templates> with answers of the backend’s own', () => {
  it('says the server’s detail for a code it does not know', async () => {
    const detail = 'Templates are read-only while an audit runs';
    const { dialog, errors } = await renameInto(() =>
      problemOf({ code: 'audit_lock', status: 423, detail }),
    );
    expect(isOpen(dialog)).to.equal(true);
    expect(text(dialog, 'alert')).to.equal(detail);
    expect(errors).to.deep.equal([detail]);
    await expect(dialog).to.be.accessible();
  });

  it('says an error about a field it does not show at form level, in the server’s words', async () => {
    const { dialog } = await renameInto(() =>
      problemOf({
        code: 'validation_failed',
        status: 422,
        detail: 'Invalid',
        errors: [
          {
            field: 'permissions.billing',
            code: 'not_on_plan',
            message: 'Billing is not on your plan',
          },
        ],
      }),
    );
    expect(text(dialog, 'alert')).to.equal('Billing is not on your plan');
    expect(part(dialog, 'field-error')).to.be.null;
  });

  it('loses no message when errors about a shown and an unshown field come together', async () => {
    const { dialog } = await renameInto(() =>
      problemOf({
        code: 'validation_failed',
        status: 422,
        detail: 'Invalid',
        errors: [
          { field: 'name', code: 'reserved_word', message: 'This name is reserved.' },
          {
            field: 'permissions.billing',
            code: 'not_on_plan',
            message: 'Billing is not on your plan.',
          },
        ],
      }),
    );
    expect(text(dialog, 'field-error')).to.equal(
      'This name is reserved. Billing is not on your plan.',
    );
  });

  it('marks its own field when the code is unknown, with the server’s message', async () => {
    const { dialog } = await renameInto(() =>
      problemOf({
        code: 'validation_failed',
        status: 422,
        detail: 'Invalid',
        errors: [{ field: 'name', code: 'reserved_word', message: 'This name is reserved' }],
      }),
    );
    expect(text(dialog, 'field-error')).to.equal('This name is reserved');
    expect(part<HTMLInputElement>(dialog, 'name-input')!.getAttribute('aria-invalid')).to.equal(
      'true',
    );
  });
});
