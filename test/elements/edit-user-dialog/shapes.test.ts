/**
 * `<edit-user-dialog>` with shapes the contract allows that the mock never sends (issue 12): a
 * user whose role `/roles` does not list, a choice restriction without options, and codes and
 * field errors of the backend's own.
 */
import { expect } from '@open-wc/testing';
import type { Role, User } from '../../../src/api/types.js';
import { problemOf } from '../problem.js';
import {
  $,
  activeAgent,
  changes,
  choose,
  click,
  fill,
  idle,
  input,
  open,
  options,
  part,
  setup,
  text,
} from './helpers.js';
import type { Setup } from './helpers.js';

const ALL = { preset: 'all' } as const;
const WORKSPACE = { preset: 'workspace' } as const;

/** `user` as the store holds it, its role renamed to one `/roles` does not list. */
function withUnknownRole(s: Setup, user: User, role = 'auditor'): User {
  const renamed = { ...user, role };
  s.store.$users.setKey(user.id, renamed);
  return renamed;
}

/** The store's roles with the agent's Contact visibility (a choice) left without options. */
function withOptionlessChoice(s: Setup): void {
  const roles: Role[] = structuredClone(s.store.$roles.get());
  const agent = roles.find((role) => role.id === 'agent')!;
  agent.restrictions.find((d) => d.id === 'contactVisibility')!.options = [];
  s.store.$roles.set(roles);
}

describe('<edit-user-dialog> with shapes the contract allows', () => {
  describe('a role /roles does not list', () => {
    it('shows it by its id as the current, disabled choice, and saves a known role', async () => {
      const s = await setup(WORKSPACE, 'owner');
      const user = withUnknownRole(s, s.byName('Aiko Tanaka'));
      const { outcome } = await open(s, user);
      expect(options(s.el, 'role')[0]).to.equal('auditor');
      const unknown = input(s.el, 'role', 'auditor')!;
      expect(unknown.checked).to.be.true;
      expect(unknown.disabled).to.be.true;
      expect(text(s.el, 'role-picker')).to.contain('auditor unknown role');
      // The roles offered are the ones allowedActions.changeRole names, as for anyone.
      expect(options(s.el, 'role').slice(1)).to.deep.equal(
        s.store.$roles
          .get()
          .map((role) => role.id)
          .filter((id) => user.allowedActions.changeRole.includes(id)),
      );
      await expect(s.el).to.be.accessible();
      await choose(s.el, 'role', 'agent');
      expect(input(s.el, 'role', 'auditor')!.checked).to.be.false;
      // The new role's access fields appear (there were none for a role nobody described).
      expect(text(s.el, 'restrictions')).to.contain('Contact visibility');
      await click(s.el, 'review-button');
      expect(changes(s.el)).to.deep.equal(['Role: auditor → Agent']);
      await click(s.el, 'save-button');
      const saved = await outcome;
      expect(saved.status).to.equal('saved');
      expect(s.net.patches).to.have.length(1);
      expect((s.net.patches[0]!.body as { role: string }).role).to.equal('agent');
      expect(s.server.userAs('owner', user.id)!.role).to.equal('agent');
    });

    it('is marked where it cannot be changed (read-only view)', async () => {
      const s = await setup(WORKSPACE, 'agent');
      const user = withUnknownRole(s, s.byName('Aiko Tanaka'));
      await open(s, user);
      const role = [...s.el.shadowRoot!.querySelectorAll('[part="facts"] dd')][0]!;
      expect(role.textContent!.replace(/\s+/g, ' ').trim()).to.equal('auditor (unknown role)');
      expect(role.querySelector('[title="unknown role"]')).to.exist;
      await expect(s.el).to.be.accessible();
    });
  });

  describe('a choice restriction with no options', () => {
    it('is not shown, and a role change sends no value for it', async () => {
      const s = await setup(WORKSPACE, 'owner');
      withOptionlessChoice(s);
      const agent = s.find(activeAgent);
      await open(s, agent);
      expect(text(s.el, 'restrictions')).not.to.contain('Contact visibility');
      expect(input(s.el, 'restrictions.contactVisibility')).to.be.null;
      await s.el.close();
      const manager = s.find((user) => user.role === 'manager' && user.allowedActions.edit);
      const { outcome } = await open(s, manager);
      await choose(s.el, 'role', 'agent');
      await click(s.el, 'review-button');
      await click(s.el, 'save-button');
      expect((await outcome).status).to.equal('saved');
      const sent = s.net.patches[0]!.body as { restrictions: Record<string, unknown> };
      expect(sent.restrictions).not.to.have.property('contactVisibility');
      expect(sent.restrictions).to.have.property('hideWorkflows');
    });
  });

  describe('codes and field errors of the backend’s own', () => {
    /** Opens an agent, renames them, and saves into a 422 with `errors`. */
    async function refuse(errors: { field: string; code: string; message: string }[]) {
      const s = await setup(ALL, 'owner');
      await open(s, s.find(activeAgent));
      await fill(s.el, 'name', 'Renamed');
      await click(s.el, 'review-button');
      s.net.failures.push(() =>
        problemOf({ code: 'validation_failed', status: 422, detail: 'Invalid', errors }),
      );
      await click(s.el, 'save-button');
      await idle(s.el);
      return s;
    }

    it('marks a known field whatever its code, and says an unknown field’s error above', async () => {
      const s = await refuse([
        { field: 'name', code: 'reserved_word', message: 'This name is reserved' },
        { field: 'department', code: 'required', message: 'Choose a department first.' },
      ]);
      expect(text(s.el, 'alert')).to.equal(
        'Some values were not accepted; see the marked fields. Choose a department first.',
      );
      const name = part<HTMLInputElement>(s.el, 'name-input')!;
      expect(name.getAttribute('aria-invalid')).to.equal('true');
      expect($(s.el, '#edit-name-error')!.textContent).to.equal('This name is reserved');
      await expect(s.el).to.be.accessible();
    });

    it('says only the server’s words when no field it names is on the form', async () => {
      const s = await refuse([
        { field: 'department', code: 'required', message: 'Choose a department first.' },
        { field: 'restrictions.ghost', code: 'retired', message: 'Ghost is retired.' },
      ]);
      expect(text(s.el, 'alert')).to.equal('Choose a department first. Ghost is retired.');
      expect(s.el.shadowRoot!.querySelector('[aria-invalid="true"]')).to.be.null;
    });

    it('a resend refused with a code of the backend’s own says the server’s detail', async () => {
      const s = await setup(ALL, 'owner');
      const invited = s.find((user) => user.allowedActions.resendInvitation);
      await open(s, invited);
      s.net.failures.push(() =>
        problemOf({
          code: 'mail_quota',
          status: 429,
          detail: 'Daily invitation quota used up',
        }),
      );
      await click(s.el, 'resend-button');
      await idle(s.el);
      expect(text(s.el, 'alert')).to.equal('Daily invitation quota used up');
    });
  });
});
