import { expect } from '@open-wc/testing';
import type { ErrorCode, User } from '../../../src/api/types.js';
import type { RosterErrorEvent } from '../../../src/events.js';
import {
  changes,
  choose,
  click,
  fill,
  focused,
  idle,
  input,
  open,
  part,
  setup,
  text,
  activeAgent,
} from './helpers.js';
import type { Failure, Setup } from './helpers.js';
import { problem } from '../problem.js';

const ALL = { preset: 'all' } as const;
const KEPT = 'Your changes are kept; try again.';

/** Opens an agent, asks for Manager, and saves into `failure`. */
async function failSave(failure: Failure, options: { timeout?: number } = {}) {
  const s = await setup(ALL, 'owner', options);
  const agent = s.find(activeAgent);
  const errors: RosterErrorEvent[] = [];
  s.el.addEventListener('roster-error', (e) => errors.push(e));
  const opened = await open(s, agent);
  await choose(s.el, 'role', 'manager');
  await click(s.el, 'review-button');
  s.net.failures.push(failure);
  await click(s.el, 'save-button');
  await idle(s.el);
  return { s, agent, errors, ...opened };
}

/** Saving again after a failure: the same edit goes through. */
async function retry(s: Setup, agent: User) {
  expect(changes(s.el), 'edits kept').to.deep.equal(['Role: Agent → Manager']);
  await click(s.el, 'save-button');
  await idle(s.el);
  expect(s.el.open).to.be.false;
  expect(s.server.userAs('owner', agent.id)!.role).to.equal('manager');
}

describe('<edit-user-dialog> failures, in words', () => {
  const cases: [Failure, string][] = [
    [
      'unauthenticated',
      'Your session has expired. Sign in again in another tab, then retry; your changes are kept while this dialog stays open.',
    ],
    [
      'forbidden',
      'You are not allowed to make this change (your access or theirs may have changed). Close this dialog and reload the list to see what you can do.',
    ],
    ['cannot_modify_self', "You can't change your own access. Ask someone else who manages users."],
    ['payload_too_large', 'The change is too large for the server. Shorten the long values.'],
    ['rate_limited', 'Too many requests. Wait 7 seconds, then try again.'],
    ['internal', `The server had a problem (HTTP 500). ${KEPT}`],
  ];
  for (const [failure, words] of cases) {
    it(`${String(failure)}: "${words.slice(0, 40)}…"`, async () => {
      const { s, agent, errors } = await failSave(failure);
      expect(text(s.el, 'alert')).to.equal(words);
      expect(part(s.el, 'alert')!.getAttribute('role')).to.equal('alert');
      expect(focused()).to.equal(part(s.el, 'alert'));
      expect(errors.map((e) => [e.message, e.action])).to.deep.equal([[words, 'update']]);
      expect(s.el.open).to.be.true;
      await retry(s, agent);
    });
  }

  it("a code of the backend's own: the server's detail, edits kept", async () => {
    // Not a contract code (the set is open), so not in the ErrorCode type.
    const { s, agent, errors } = await failSave(() =>
      problem('trial_restriction' as ErrorCode, 403),
    );
    expect(text(s.el, 'alert')).to.equal('Refused: trial_restriction');
    expect(errors.map((e) => e.message)).to.deep.equal(['Refused: trial_restriction']);
    await retry(s, agent);
  });

  it('role_not_assignable: marks the role and goes back to the form', async () => {
    const { s } = await failSave('role_not_assignable');
    expect(text(s.el, 'heading')).to.equal('Edit user');
    expect(text(s.el, 'alert')).to.equal('You may not give the Manager role.');
    expect(text(s.el, 'role-picker')).to.contain('You may not give the Manager role.');
    expect(part(s.el, 'role-picker')!.getAttribute('aria-invalid')).to.equal('true');
    expect(input(s.el, 'role', 'manager')!.checked, 'edit kept').to.be.true;
    expect(focused()).to.equal(input(s.el, 'role', 'manager'), 'the chosen role');
    await expect(s.el).to.be.accessible();
  });

  it('email_taken: on the email field, focused', async () => {
    const s = await setup(ALL, 'owner');
    const [agent, other] = [s.find(activeAgent), s.byName('Aiko Tanaka')];
    await open(s, agent);
    await fill(s.el, 'email', other.email.toUpperCase());
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    const email = part<HTMLInputElement>(s.el, 'email-input')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(focused()).to.equal(email);
    expect(email.value, 'kept').to.equal(other.email.toUpperCase());
    expect(text(s.el, 'form')).to.contain('This email already belongs to another user.');
    expect(s.server.userAs('owner', agent.id)!.email).to.equal(agent.email);
  });

  it('validation_failed: each field error beside its field, others in the alert', async () => {
    const { s } = await failSave({
      code: 'validation_failed',
      errors: [
        { field: 'restrictions.noDataExport', code: 'invalid_type', message: 'Must be on or off.' },
        { field: 'If-Match', code: 'required', message: 'The version is missing.' },
      ],
    });
    expect(text(s.el, 'alert')).to.equal(
      'Some values were not accepted; see the marked fields. The version is missing.',
    );
    expect(text(s.el, 'restrictions')).to.contain('Must be on or off.');
    expect(focused()).to.equal(input(s.el, 'restrictions.noDataExport'));
  });

  it('validation_failed on the email: the words, not the code', async () => {
    const s = await setup(ALL, 'owner');
    await open(s, s.find(activeAgent));
    await fill(s.el, 'email', 'valid@example.test');
    await click(s.el, 'review-button');
    s.net.failures.push({
      code: 'validation_failed',
      errors: [{ field: 'email', code: 'invalid_email', message: 'x' }],
    });
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(text(s.el, 'form')).to.contain('Enter a valid email address, like name@example.com.');
  });

  it('last_owner: explained, role and status locked, the other edits kept', async () => {
    const s = await setup(ALL, 'owner');
    const jonas = s.byName('Jonas Müller');
    await open(s, jonas);
    await fill(s.el, 'name', 'Jonas M.');
    await choose(s.el, 'role', 'manager');
    await choose(s.el, 'edit-status', 'suspended');
    await click(s.el, 'review-button');
    s.net.failures.push('last_owner');
    await click(s.el, 'save-button');
    await idle(s.el);
    const words =
      "Jonas Müller is the only active Owner, so their role and status can't change. Give someone else the Owner role first.";
    expect(text(s.el, 'alert')).to.equal(words);
    // Said once: no explanation repeating the alert word for word.
    expect(part(s.el, 'explanation')).to.be.null;
    expect(text(s.el, 'heading')).to.equal('Edit user');
    expect(input(s.el, 'role'), 'no role choice any more').to.be.null;
    expect(part(s.el, 'status-picker')!.hasAttribute('disabled')).to.be.true;
    expect(input(s.el, 'edit-status', 'active')!.checked).to.be.true;
    expect(part<HTMLInputElement>(s.el, 'name-input')!.value).to.equal('Jonas M.');
    await expect(s.el).to.be.accessible();
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Name: Jonas Müller → Jonas M.']);
  });

  it('not_found: says the user is gone; only Close remains', async () => {
    const { s, agent, outcome } = await failSave('not_found');
    expect(text(s.el, 'alert')).to.equal(
      `${agent.name} no longer exists: someone removed them. Nothing was saved.`,
    );
    expect(part(s.el, 'save-button')).to.be.null;
    expect(text(s.el, 'footer')).to.equal('Close');
    await expect(s.el).to.be.accessible();
    await click(s.el, 'done-button');
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
  });

  it('network failure: explained, edits kept, saving again works', async () => {
    const { s, agent, errors } = await failSave('network');
    expect(text(s.el, 'alert')).to.equal(
      `The server could not be reached. Check your connection. ${KEPT}`,
    );
    expect(errors).to.have.length(1);
    await expect(s.el).to.be.accessible();
    await retry(s, agent);
  });

  it('timeout: explained, edits kept, saving again works', async () => {
    const { s, agent } = await failSave('hang', { timeout: 300 });
    expect(text(s.el, 'alert')).to.equal(`The server took too long to answer. ${KEPT}`);
    await retry(s, agent);
  });
});

describe('<edit-user-dialog> the last owner', () => {
  it('is explained up front: role and status cannot change, the rest can', async () => {
    const s = await setup(ALL, 'owner');
    const jonas = s.byName('Jonas Müller');
    // The server's view when Jonas is the only active owner (e.g. for an outside admin).
    s.store.$users.setKey(jonas.id, {
      ...jonas,
      allowedActions: { ...jonas.allowedActions, changeRole: [], suspend: false },
    });
    await open(s, jonas);
    expect(text(s.el, 'explanation')).to.equal(
      "Jonas Müller is the only active Owner, so their role and status can't change. Give someone else the Owner role first.",
    );
    expect(input(s.el, 'role'), 'no role choice').to.be.null;
    expect(part(s.el, 'status-picker')!.hasAttribute('disabled')).to.be.true;
    expect(part<HTMLInputElement>(s.el, 'name-input')!.disabled).to.be.false;
    await expect(s.el).to.be.accessible();
  });

  it('is not claimed for an owner who has company', async () => {
    const s = await setup(ALL, 'owner');
    await open(s, s.byName('Jonas Müller'));
    expect(part(s.el, 'explanation')).to.be.null;
    expect(input(s.el, 'role', 'manager')).to.exist;
  });
});
