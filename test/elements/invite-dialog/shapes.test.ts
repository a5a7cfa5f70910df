/**
 * `<invite-dialog>` with shapes the contract allows that the mock never sends (issue 12): a
 * choice restriction without options, codes and field errors of the backend's own, and a send
 * whose addresses fare differently.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { FieldError, InvitationInput } from '../../../src/api/types.js';
import type { RosterErrorEvent } from '../../../src/events.js';
import { problemOf } from '../problem.js';
import { optionlessChoice, reshaped } from '../shapes.js';
import {
  $,
  $$,
  addEmails,
  alertText,
  chipEmails,
  chipMessage,
  isInvitation,
  lookupsSettled,
  openInvite,
  problem,
  sendButton,
} from './helpers.js';
import type { Intercept } from './helpers.js';

const TRIAL = 'Addresses at example.org cannot be invited during the trial';

/** Answers invitations to the emails in `answers`, forwarding the rest; `sent` records bodies. */
function answering(answers: Record<string, () => Response>, sent: InvitationInput[] = []) {
  const intercept: Intercept = async (request) => {
    if (!isInvitation(request)) return undefined;
    const body = (await request.clone().json()) as InvitationInput;
    sent.push(body);
    return answers[body.email]?.();
  };
  return { intercept, sent };
}

const refusedFields =
  (...errors: FieldError[]) =>
  () =>
    problemOf({ code: 'validation_failed', status: 422, detail: 'Invalid input', errors });

/** The field's summary line, whitespace collapsed ('' when there is none). */
const summary = (el: Parameters<typeof chipEmails>[0]) =>
  (el.shadowRoot!.querySelector('#emails-flagged')?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<invite-dialog> with shapes the contract allows', () => {
  describe('a choice restriction with no options', () => {
    for (const [shape, options] of [
      ['an empty list', []],
      ['no options at all', undefined],
    ] as [string, [] | undefined][]) {
      it(`with ${shape}: shows nothing to choose and sends no value for it`, async () => {
        const { sent, intercept: answer } = answering({});
        const { el, outcome } = await openInvite({
          mock: { preset: 'workspace' },
          intercept: async (request, forward) =>
            (await answer(request, forward)) ??
            reshaped(request, await forward(), { '/roles': optionlessChoice(options) }),
        });
        const restrictions = $(el, '[part="restrictions"]');
        expect(restrictions.textContent).not.to.contain('Contact visibility');
        expect(el.shadowRoot!.querySelector('[name="restrictions.contactVisibility"]')).to.be.null;
        // The other restrictions of the role are still there, with no empty group among them.
        expect($$(el, '[part="restriction"]').map((r) => r.textContent!.trim())).to.have.length(2);
        await expect(el).to.be.accessible();
        await addEmails(el, 'eva@example.com');
        sendButton(el).click();
        await outcome;
        expect(sent).to.have.length(1);
        expect(sent[0]!.restrictions).to.deep.equal({
          hideWorkflows: false,
          maskContactInfo: false,
        });
      });
    }
  });

  describe('codes and field errors of the backend’s own', () => {
    it('ends the summary with one full stop when the server’s detail ends with its own', async () => {
      const { intercept } = answering({
        'ana@example.org': () =>
          problemOf({ code: 'trial_domain', status: 403, detail: `${TRIAL}.` }),
      });
      const { el } = await openInvite({ mock: { preset: 'workspace' }, intercept });
      await addEmails(el, 'ana@example.org');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown');
      expect(chipMessage(el, 'ana@example.org')).to.equal(`${TRIAL}.`);
      expect(alertText(el)).to.equal(`1 invitation was not sent: ${TRIAL}.`);
    });

    it('shows the server’s detail for an unknown code, on the chip and in the summary', async () => {
      const { intercept } = answering({
        'ana@example.org': () => problemOf({ code: 'trial_domain', status: 403, detail: TRIAL }),
      });
      const { el } = await openInvite({ mock: { preset: 'workspace' }, intercept });
      const errors: RosterErrorEvent[] = [];
      el.addEventListener('roster-error', (e) => errors.push(e));
      await addEmails(el, 'ana@example.org');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown');
      expect(chipMessage(el, 'ana@example.org')).to.equal(TRIAL);
      expect(alertText(el)).to.equal(`1 invitation was not sent: ${TRIAL}.`);
      expect(errors).to.have.length(1);
      expect(errors[0]!.message).to.contain(TRIAL);
      await expect(el).to.be.accessible();
    });

    it('marks a known field’s error (whatever its code) and says an unknown field’s in words', async () => {
      const { intercept } = answering({
        'bo@example.com': refusedFields(
          {
            field: 'restrictions.contactVisibility',
            code: 'not_on_plan',
            message: 'Not on your plan',
          },
          { field: 'department', code: 'required', message: 'Choose a department first' },
          { field: 'restrictions.ghost', code: 'unknown', message: 'Ghost is retired' },
        ),
      });
      const { el } = await openInvite({ mock: { preset: 'workspace' }, intercept });
      await addEmails(el, 'bo@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown');
      // The field the form shows carries its error; the others are said on the chip and above.
      const group = $(el, '[part="restriction"][aria-invalid="true"]');
      expect(group.textContent).to.contain('Contact visibility');
      expect(group.querySelector('[part="field-error"]')!.textContent).to.equal('Not on your plan');
      expect(chipMessage(el, 'bo@example.com')).to.equal(
        'Choose a department first; Ghost is retired',
      );
      expect(alertText(el)).to.equal(
        '1 invitation was not sent: Choose a department first; Ghost is retired.',
      );
      await expect(el).to.be.accessible();
    });

    it('says an email error of an unknown code in the server’s words, and does not resend it', async () => {
      const { intercept, sent } = answering({
        'cy@example.com': refusedFields({
          field: 'email',
          code: 'disposable_domain',
          message: 'Disposable addresses are not accepted',
        }),
      });
      const { el } = await openInvite({ mock: { preset: 'workspace' }, intercept });
      await addEmails(el, 'cy@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown');
      expect(chipMessage(el, 'cy@example.com')).to.equal('Disposable addresses are not accepted');
      expect($$(el, '[part~="chip-invalid"]')).to.have.length(1);
      expect(sendButton(el).textContent!.trim()).to.equal('Send invitations');
      sendButton(el).click();
      await el.updateComplete;
      expect(alertText(el)).to.equal('Add at least one valid email address.');
      expect(sent).to.have.length(1);
    });
  });

  describe('a send whose addresses fare differently', () => {
    it('reads as one state: the sent leave, the refused stay with their reason, the counts agree', async () => {
      const { intercept, sent } = answering({
        'late@example.com': () => problem('email_taken', 409),
        'busy@example.com': () => problem('internal', 500),
        'ana@example.org': () => problemOf({ code: 'trial_domain', status: 403, detail: TRIAL }),
      });
      const { el, outcome } = await openInvite({ mock: { preset: 'workspace' }, intercept });
      await addEmails(
        el,
        'one@example.com',
        'two@example.com',
        'three@example.com',
        'late@example.com',
        'busy@example.com',
        'ana@example.org',
        'not-an-email',
        'one@example.com',
      );
      await lookupsSettled(el);
      expect(summary(el)).to.equal(
        '6 addresses are ready to send. 2 addresses need attention and will not be sent: fix or remove them.',
      );
      expect(sendButton(el).textContent!.trim()).to.equal('Send 6 invitations');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failures are shown');
      expect(sent.map((s) => s.email)).to.have.length(6);
      expect(chipEmails(el)).to.deep.equal([
        'late@example.com',
        'busy@example.com',
        'ana@example.org',
        'not-an-email',
        'one@example.com',
      ]);
      expect($(el, '[part="success"]').textContent).to.contain('3 invitations sent.');
      expect(alertText(el)).to.equal(
        `3 invitations were not sent: Already a member; The server had a problem; send again; ${TRIAL}.`,
      );
      expect(chipMessage(el, 'late@example.com')).to.equal('Already a member');
      expect(chipMessage(el, 'busy@example.com')).to.equal('The server had a problem; send again');
      expect(chipMessage(el, 'ana@example.org')).to.equal(TRIAL);
      // Two go with the next send (each still says why it failed), three need fixing.
      expect(summary(el)).to.equal(
        '2 addresses are ready to send. 3 addresses need attention and will not be sent: fix or remove them.',
      );
      expect(sendButton(el).textContent!.trim()).to.equal('Send 2 invitations');
      expect(
        $$(el, '[part~="chip-invalid"] .chip-email').map((chip) => chip.textContent),
      ).to.deep.equal(['late@example.com', 'not-an-email', 'one@example.com']);
      await expect(el).to.be.accessible();
      // Sending again sends only the two, once each; the dialog stays for the three.
      sent.length = 0;
      sendButton(el).click();
      await waitUntil(() => alertText(el).startsWith('2 invitations'), 'the second send');
      expect(sent.map((s) => s.email)).to.deep.equal(['busy@example.com', 'ana@example.org']);
      expect(el.open).to.be.true;
      el.close();
      expect((await outcome).users.map((user) => user.email)).to.deep.equal([
        'one@example.com',
        'two@example.com',
        'three@example.com',
      ]);
    });
  });
});
