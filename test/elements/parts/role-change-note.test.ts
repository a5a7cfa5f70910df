/**
 * Choosing a role that clears a template or lifts restrictions says so beside the roles, in
 * the invite and edit dialogs (defect: switching a user with a template to Admin cleared it
 * silently).
 */
import { expect } from '@open-wc/testing';
import {
  restrictionLabel,
  roleChangeEffects,
  roleChangeLines,
} from '../../../src/api/role-change.js';
import type { RestrictionDefinition, Role } from '../../../src/api/types.js';
import { openInvite } from '../invite-dialog/helpers.js';
import { choose, open, setup, text } from '../edit-user-dialog/helpers.js';

describe('role change note', () => {
  it('<edit-user-dialog>: Admin clears the template; back to the role held, nothing', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    const holder = s.find((user) => user.role === 'user' && user.roleTemplateId !== null);
    const template = s.store.$templates.get().find((t) => t.id === holder.roleTemplateId)!;
    await open(s, holder);
    expect(text(s.el, 'role-change')).to.equal('');
    await choose(s.el, 'role', 'admin');
    expect(text(s.el, 'role-change')).to.equal(`Role template cleared: ${template.name}.`);
    await expect(s.el).to.be.accessible();
    await choose(s.el, 'role', 'user');
    expect(text(s.el, 'role-change')).to.equal('');
  });

  it('<edit-user-dialog>: Owner lifts a manager’s restrictions, named', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await open(s, s.byName('Rahul Verma'));
    await choose(s.el, 'role', 'owner');
    expect(text(s.el, 'role-change')).to.equal(
      'Restrictions removed: No workspace settings and No data export.',
    );
  });

  it('<invite-dialog>: a template chosen for User, then Admin: said cleared', async () => {
    const { el } = await openInvite({ mock: { preset: 'tenant' }, persona: 'admin' });
    const root = el.shadowRoot!;
    const note = () => root.querySelector('[part="role-change"]')!.textContent!.trim();
    const select = root.querySelector<HTMLSelectElement>('[part="template-select"]')!;
    select.value = select.options[2]!.value;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const template = select.options[2]!.textContent!.trim();
    expect(note()).to.equal('');
    root.querySelector<HTMLInputElement>('input[name="role"][value="admin"]')!.click();
    await el.updateComplete;
    expect(note()).to.equal(`Role template cleared: ${template}.`);
    await expect(el).to.be.accessible();
    root.querySelector<HTMLInputElement>('input[name="role"][value="user"]')!.click();
    await el.updateComplete;
    expect(note()).to.equal('');
  });

  it('names a lifted choice with no options by the value held, never crashing', () => {
    const choice = (options?: []): RestrictionDefinition => ({
      id: 'region',
      name: 'Region',
      description: '',
      kind: 'choice',
      options,
      default: 'any',
    });
    for (const options of [[], undefined] as ([] | undefined)[]) {
      const definition = choice(options);
      expect(restrictionLabel({ definition, value: 'emea' })).to.equal('Region: emea');
      const role = (id: string, rank: number, restrictions: RestrictionDefinition[]): Role => ({
        id,
        name: id,
        description: '',
        rank,
        assignable: [],
        modules: {},
        restrictions,
        forcedFlags: [],
        allPermissions: false,
      });
      const roles = [role('lead', 2, []), role('rep', 1, [definition])];
      const user = {
        role: 'rep',
        roleTemplateId: null,
        flags: {},
        restrictions: { region: 'emea' },
      };
      const effects = roleChangeEffects(user, 'lead', roles)!;
      expect(roleChangeLines([{ user, effects }], [])).to.deep.equal([
        'Restrictions removed: Region: emea.',
      ]);
      // From a role /roles does not list: nothing to lift, a promotion to confirm.
      const unknown = roleChangeEffects({ ...user, role: 'auditor' }, 'rep', roles)!;
      expect(unknown.from).to.be.undefined;
      expect(unknown.droppedRestrictions).to.deep.equal([]);
      expect(unknown.patch).to.deep.equal({ role: 'rep' });
    }
  });
});
