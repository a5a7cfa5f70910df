import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ErrorCode, FieldError } from '../../../src/api/types.js';
import { createMockServer } from '../../../src/mock/index.js';
import { clientAs } from '../../store/mock-helpers.js';
import { hostileStrings, pwned } from '../hostile.js';
import {
  $,
  $$,
  addEmails,
  alertText,
  chipEmails,
  chipMessage,
  gate,
  input,
  isInvitation,
  lookupsSettled,
  openInvite,
  paste,
  problem,
  sendButton,
} from './helpers.js';
import type { Intercept } from './helpers.js';

/** Seats used by a fresh mock of `preset` (the tests' seed). */
function usedSeats(preset: 'tenant' | 'all'): number {
  const server = createMockServer({ preset, seed: 1, latency: 0, simulatePresence: false });
  const { used } = server.seats();
  server.close();
  return used;
}

/** Answers every invitation to `email` with `answer`, forwarding the others. */
const refuse =
  (answer: () => Response | Promise<Response>, email?: string): Intercept =>
  async (request) => {
    if (!isInvitation(request)) return undefined;
    const body = (await request.clone().json()) as { email: string };
    return email === undefined || body.email === email ? answer() : undefined;
  };

describe('<invite-dialog> sending', () => {
  describe('seats', () => {
    it('says there is no seat limit when there is none', async () => {
      const { el } = await openInvite({ mock: { preset: 'workspace' } });
      expect($(el, '[part="seats"]').textContent).to.contain('No seat limit');
    });

    it('shows seats left and stops a send that needs more, before sending', async () => {
      const used = usedSeats('tenant');
      const { el, traffic } = await openInvite({
        mock: { preset: 'tenant', seatLimit: used + 2 },
        persona: 'admin',
      });
      expect($(el, '[part="seats"]').textContent).to.contain('2 seats left');
      await addEmails(el, 'a@example.com', 'b@example.com', 'c@example.com');
      expect(sendButton(el).disabled).to.be.true;
      const message = $(el, '[part="limit-message"]').textContent!;
      expect(message).to.contain('Not enough seats left: remove 1 address');
      expect(input(el).getAttribute('aria-describedby')).to.contain('limit-message');
      input(el).focus();
      await sendKeys({ press: 'Enter' });
      expect(traffic.invitations).to.equal(0);
      await expect(el).to.be.accessible();
      $$(el, '[part="chip-remove"]')[2]!.click();
      await el.updateComplete;
      expect(sendButton(el).disabled).to.be.false;
      expect(el.shadowRoot!.querySelector('[part="limit-message"]')).to.be.null;
    });

    it('names the tighter limit: fewer seats left than the per-send maximum', async () => {
      const used = usedSeats('tenant');
      const { el, traffic } = await openInvite({
        mock: { preset: 'tenant', seatLimit: used + 10 },
        persona: 'admin',
      });
      paste(el, Array.from({ length: 120 }, (_, i) => `seat${i}@example.com`).join('\n'));
      await el.updateComplete;
      expect($(el, '[part="limit-message"]').textContent).to.contain(
        'Not enough seats left: remove 110 addresses',
      );
      const keep = $(el, '[part="keep-first-button"]');
      expect(keep.textContent!.trim()).to.equal('Keep only the first 10 addresses');
      keep.click();
      await el.updateComplete;
      expect(chipEmails(el)).to.have.length(10);
      expect(sendButton(el).disabled).to.be.false;
      expect(sendButton(el).textContent!.trim()).to.equal('Send 10 invitations');
      expect(traffic.invitations).to.equal(0);
    });

    it('shows a server seat_limit_reached the same way (seats taken meanwhile)', async () => {
      const used = usedSeats('tenant');
      const { el, server, traffic } = await openInvite({
        mock: { preset: 'tenant', seatLimit: used + 1 },
        persona: 'admin',
      });
      expect($(el, '[part="seats"]').textContent).to.contain('1 seat left');
      // Another admin takes the last seat while the dialog is open.
      await clientAs(server, 'admin').invite({ email: 'first@example.com', role: 'user' });
      await addEmails(el, 'late@example.com');
      expect(sendButton(el).disabled).to.be.false;
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown');
      expect(traffic.invitations).to.equal(1);
      expect(chipMessage(el, 'late@example.com')).to.equal('No seat left');
      expect(alertText(el)).to.contain('1 invitation was not sent: No seat left.');
      expect($(el, '[part="seats"]').textContent).to.contain('0 seats left');
      expect($(el, '[part="limit-message"]').textContent).to.contain('No seats left');
      expect(sendButton(el).disabled).to.be.true;
      expect(el.open).to.be.true;
    });
  });

  describe('server errors, each in words', () => {
    const cases: [string, Intercept, string][] = [
      ['email_taken', refuse(() => problem('email_taken', 409)), 'Already a member'],
      [
        'validation_failed (email)',
        refuse(() =>
          problem('validation_failed', 422, [
            { field: 'email', code: 'invalid_email', message: 'Enter a valid email address.' },
          ]),
        ),
        'Not a valid email address',
      ],
      [
        'role_not_assignable',
        refuse(() => problem('role_not_assignable', 403)),
        'Not allowed: you may not give this role',
      ],
      ['forbidden', refuse(() => problem('forbidden', 403)), 'Not allowed: you may not invite'],
      ['seat_limit_reached', refuse(() => problem('seat_limit_reached', 409)), 'No seat left'],
      [
        'rate_limited',
        refuse(() => problem('rate_limited', 429, undefined, { 'Retry-After': '7' })),
        'Too many requests; send again in 7 s',
      ],
      ['internal', refuse(() => problem('internal', 500)), 'The server had a problem'],
      [
        'an HTML 502 page',
        refuse(() => new Response('<h1>Bad gateway</h1>', { status: 502 })),
        'The server had a problem',
      ],
      ['unauthenticated', refuse(() => problem('unauthenticated', 401)), 'You are not signed in'],
      [
        "a code of the backend's own: the server's detail",
        // Not a contract code (the set is open), so not in the ErrorCode type.
        refuse(() => problem('trial_restriction' as ErrorCode, 403)),
        'Refused: trial_restriction',
      ],
      [
        'a network failure',
        refuse(() => Promise.reject(new TypeError('Failed to fetch'))),
        'The server could not be reached; send again',
      ],
    ];
    for (const [name, intercept, words] of cases) {
      it(`shows ${name}`, async () => {
        const { el } = await openInvite({ mock: { preset: 'workspace' }, intercept });
        await addEmails(el, 'ana@example.com');
        sendButton(el).click();
        await waitUntil(() => alertText(el) !== '', 'the failure is shown');
        expect(chipMessage(el, 'ana@example.com')).to.contain(words);
        expect(alertText(el)).to.contain(words);
        expect(el.shadowRoot!.querySelector('p[part="alert"]')!.closest('[role="alert"]')).to.exist;
        expect(el.open).to.be.true;
      });
    }

    it('shows a timeout', async () => {
      const { el } = await openInvite({
        mock: { preset: 'workspace' },
        client: { timeout: 100 },
        intercept: (request) =>
          isInvitation(request) ? new Promise<Response>(() => undefined) : undefined,
      });
      await addEmails(el, 'slow@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '', 'the failure is shown', { timeout: 3000 });
      expect(chipMessage(el, 'slow@example.com')).to.equal('The server took too long; send again');
    });

    it('puts field errors on the access field the server names', async () => {
      const errors: FieldError[] = [
        { field: 'restrictions.contactVisibility', code: 'invalid_choice', message: 'Pick one.' },
      ];
      const { el } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: refuse(() => problem('validation_failed', 422, errors)),
      });
      await addEmails(el, 'ana@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '');
      const group = $(el, '[part="restriction"][role="radiogroup"]');
      expect(group.getAttribute('aria-invalid')).to.equal('true');
      const describedBy = group.getAttribute('aria-describedby')!.split(' ');
      const error = el.shadowRoot!.getElementById(describedBy[describedBy.length - 1]!)!;
      expect(error.textContent).to.equal('Pick one.');
      expect(chipMessage(el, 'ana@example.com')).to.contain('check the access settings');
      await expect(el).to.be.accessible();
      // Changing the access clears what it said.
      $<HTMLInputElement>(el, 'input[name="restrictions.contactVisibility"][value="self"]').click();
      await el.updateComplete;
      expect(group.getAttribute('aria-invalid')).to.equal('false');
      expect(chipMessage(el, 'ana@example.com')).to.equal('');
    });

    it('puts a role error on the access level', async () => {
      const { el } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: refuse(() =>
          problem('validation_failed', 422, [
            { field: 'role', code: 'unknown_role', message: 'There is no role "agent".' },
          ]),
        ),
      });
      await addEmails(el, 'ana@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '');
      const picker = $(el, '[part="role-picker"]');
      expect(picker.getAttribute('aria-invalid')).to.equal('true');
      expect(picker.textContent).to.contain('There is no role "agent".');
    });
  });

  describe('results', () => {
    it('lets successes leave and keeps failures, then closes with who was invited', async () => {
      const { el, outcome } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: refuse(() => problem('email_taken', 409), 'taken@example.com'),
      });
      await addEmails(el, 'fresh@example.com', 'taken@example.com');
      expect(sendButton(el).textContent!.trim()).to.equal('Send 2 invitations');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '');
      expect(chipEmails(el)).to.deep.equal(['taken@example.com']);
      expect($(el, '[part="success"]').textContent).to.contain('1 invitation sent.');
      expect(alertText(el)).to.contain('1 invitation was not sent: Already a member.');
      expect($(el, '[part="cancel-button"]').textContent!.trim()).to.equal('Close');
      // An address refused as taken is not sent again as it is.
      expect(sendButton(el).textContent!.trim()).to.equal('Send invitations');
      await expect(el).to.be.accessible();
      await sendKeys({ press: 'Escape' });
      const result = await outcome;
      expect(result.status).to.equal('cancelled');
      expect(result.users.map((u) => u.email)).to.deep.equal(['fresh@example.com']);
    });

    it('keeps everything typed after a network failure', async () => {
      let fail = true;
      const { el, outcome } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: (request) =>
          isInvitation(request) && fail ? Promise.reject(new TypeError('offline')) : undefined,
      });
      $<HTMLInputElement>(
        el,
        'input[name="restrictions.contactVisibility"][value="teamAndSelf"]',
      ).click();
      await el.updateComplete;
      await addEmails(el, 'a@example.com', 'b@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '');
      expect(chipEmails(el)).to.deep.equal(['a@example.com', 'b@example.com']);
      expect(
        $<HTMLInputElement>(el, 'input[name="restrictions.contactVisibility"]:checked').value,
      ).to.equal('teamAndSelf');
      expect(sendButton(el).textContent!.trim()).to.equal('Send 2 invitations');
      fail = false;
      sendButton(el).click();
      const result = await outcome;
      expect(result.users.map((u) => u.restrictions['contactVisibility'])).to.deep.equal([
        'teamAndSelf',
        'teamAndSelf',
      ]);
    });

    it('never invites twice when a send the server applied is retried', async () => {
      const keys: string[] = [];
      let answered = 0;
      const { el, server, outcome } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: async (request, forward) => {
          if (!isInvitation(request)) return undefined;
          keys.push(request.headers.get('Idempotency-Key')!);
          const response = await forward();
          // The first answer is lost on the way back: the server did invite.
          if (answered++ === 0) throw new TypeError('connection reset');
          return response;
        },
      });
      await addEmails(el, 'once@example.com');
      sendButton(el).click();
      await waitUntil(() => alertText(el) !== '');
      expect(chipMessage(el, 'once@example.com')).to.contain('could not be reached');
      sendButton(el).click();
      const result = await outcome;
      expect(result.status).to.equal('invited');
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      const invited = server.usersAs('owner').filter((u) => u.email === 'once@example.com');
      expect(invited).to.have.length(1);
      expect(result.users.map((u) => u.id)).to.deep.equal([invited[0]!.id]);
    });
  });

  describe('while sending', () => {
    it('shows progress, stays open on Escape and stays accessible', async () => {
      const held = gate();
      const { el, outcome } = await openInvite({
        mock: { preset: 'workspace' },
        intercept: async (request) => {
          if (isInvitation(request)) await held.wait;
          return undefined;
        },
      });
      await addEmails(el, 'a@example.com', 'b@example.com', 'c@example.com');
      sendButton(el).focus();
      sendButton(el).click();
      await el.updateComplete;
      const dialog = $<HTMLDialogElement>(el, 'dialog');
      expect(dialog.getAttribute('aria-busy')).to.equal('true');
      expect($(el, '[part="progress"]').textContent).to.contain('Sending 3 invitations…');
      expect(sendButton(el).getAttribute('aria-disabled')).to.equal('true');
      expect($<HTMLButtonElement>(el, '[part="close-button"]').disabled).to.be.true;
      expect(input(el).readOnly).to.be.true;
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog.open).to.be.true;
      sendButton(el).click(); // a second click while busy sends nothing more
      await expect(el).to.be.accessible();
      held.open();
      const result = await outcome;
      expect(result.users).to.have.length(3);
    });
  });

  describe('hostile input', () => {
    afterEach(() => delete (window as { __rosterPwned?: unknown }).__rosterPwned);

    it('shows markup and script as text, runs nothing and sends nothing', async () => {
      const { el, traffic } = await openInvite({ mock: { preset: 'workspace' } });
      await addEmails(el, hostileStrings.script, hostileStrings.markup, hostileStrings.attribute);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(chipEmails(el)).to.include(hostileStrings.script);
      expect(el.shadowRoot!.querySelector('img, script, b')).to.be.null;
      expect(pwned()).to.be.false;
      expect($$(el, '[part~="chip-invalid"]')).to.have.length(chipEmails(el).length);
      input(el).focus();
      await sendKeys({ press: 'Enter' });
      expect(traffic.invitations).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('takes a 10,000-character address as one flagged chip, shown cut short', async () => {
      const { el } = await openInvite();
      const long = `${hostileStrings.long}@example.com`;
      await addEmails(el, long);
      const [text] = chipEmails(el);
      expect(text!.length).to.be.below(100);
      expect(chipMessage(el, text!)).to.equal('Not a valid email address');
      $(el, '[part="chip-edit"]').click();
      await el.updateComplete;
      expect(input(el).value).to.equal(long);
    });

    it('stays responsive with 1,000 pasted addresses and sends none until confirmed', async () => {
      const { el, traffic } = await openInvite({ mock: { preset: 'workspace' } });
      const list = Array.from({ length: 1000 }, (_, i) => `person${i}@example.com`).join('\n');
      const started = performance.now();
      paste(el, list);
      await el.updateComplete;
      const took = performance.now() - started;
      // A sanity bound against pathological work (the figures are ~125 ms on an idle machine).
      expect(took, `paste and render took ${Math.round(took)} ms`).to.be.below(2000);
      expect(chipEmails(el)).to.have.length(1000);
      expect(sendButton(el).disabled).to.be.true;
      expect($(el, '[part="limit-message"]').textContent).to.contain(
        'At most 100 invitations can be sent at once: remove 900 addresses.',
      );
      // Typing stays quick.
      const typed = performance.now();
      await sendKeys({ type: 'x' });
      await el.updateComplete;
      expect(performance.now() - typed).to.be.below(1000);
      await lookupsSettled(el);
      const lookups = traffic.requests.filter((r) => r.startsWith('GET /api/v1/users?'));
      expect(lookups.length).to.be.at.most(100);
      expect(traffic.invitations).to.equal(0);
      $(el, '[part="keep-first-button"]').click();
      await el.updateComplete;
      expect(chipEmails(el)).to.have.length(100);
      expect(sendButton(el).textContent!.trim()).to.equal('Send 100 invitations');
      expect(traffic.invitations).to.equal(0);
    });

    it('keeps at most 1,000 addresses and says so', async () => {
      const { el } = await openInvite();
      paste(el, Array.from({ length: 1200 }, (_, i) => `p${i}@example.com`).join(','));
      await el.updateComplete;
      expect(chipEmails(el)).to.have.length(1000);
      expect(el.shadowRoot!.textContent).to.contain(
        'Only the first 1,000 addresses were kept; 200 were left out.',
      );
    });
  });
});
