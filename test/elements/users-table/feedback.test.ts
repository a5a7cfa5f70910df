import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { RosterNetworkError } from '../../../src/api/errors.js';
import type { RosterErrorEvent } from '../../../src/events.js';
import { FeedbackController } from '../../../src/elements/users-table/feedback.js';

/** A bare host of the controller, rendering its three pieces. */
class FeedbackHost extends LitElement {
  readonly feedback = new FeedbackController(this);

  override render() {
    return litHtml`${this.feedback.renderResults()} ${this.feedback.renderAlert()}
      ${this.feedback.renderToast()}`;
  }
}
if (!customElements.get('feedback-test-host'))
  customElements.define('feedback-test-host', FeedbackHost);

function part(el: FeedbackHost, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`);
}

function button(el: FeedbackHost, label: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (node) => node.textContent!.trim() === label,
  );
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

describe('<users-table> feedback', () => {
  it('says results in a polite live region that is always there, the latest one replacing the last', async () => {
    const el = await fixture<FeedbackHost>(html`<feedback-test-host></feedback-test-host>`);
    const toast = part(el, 'toast')!;
    expect(toast.getAttribute('role')).to.equal('status');
    expect(toast.textContent!.trim()).to.equal('');
    el.feedback.showToast('Invitation sent to ana@example.com');
    await el.updateComplete;
    expect(part(el, 'toast')).to.equal(toast);
    expect(toast.textContent!.trim()).to.equal('Invitation sent to ana@example.com');
    el.feedback.showToast('Changes to Ana saved');
    await el.updateComplete;
    expect(toast.textContent!.trim()).to.equal('Changes to Ana saved');
    await expect(el).to.be.accessible();
  });

  it('shows a failure inline as an alert and reports it once with roster-error, until dismissed', async () => {
    const el = await fixture<FeedbackHost>(html`<feedback-test-host></feedback-test-host>`);
    const events: RosterErrorEvent[] = [];
    el.addEventListener('roster-error', (event) => events.push(event));
    el.feedback.fail(new TypeError('boom'), 'export');
    await el.updateComplete;
    const alert = part(el, 'alert')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Something went wrong. Please try again.');
    expect(events.map((event) => [event.message, event.action])).to.deep.equal([
      ['Something went wrong. Please try again.', 'export'],
    ]);
    await expect(el).to.be.accessible();
    button(el, 'Dismiss').click();
    await el.updateComplete;
    expect(part(el, 'alert')).to.equal(null);
    expect(events).to.have.length(1);
  });

  it("words a Roster error's failure in the error's own message", async () => {
    const el = await fixture<FeedbackHost>(html`<feedback-test-host></feedback-test-host>`);
    const problem = new RosterNetworkError(
      { action: 'Exporting users', method: 'GET', url: 'https://roster.test/api/v1/users/export' },
      new TypeError('Failed to fetch'),
    );
    el.feedback.fail(problem, 'export');
    await el.updateComplete;
    expect(part(el, 'alert')!.textContent).to.contain(problem.userMessage);
  });

  it('lists the results of a bulk action, marked ok or not, until dismissed', async () => {
    const el = await fixture<FeedbackHost>(html`<feedback-test-host></feedback-test-host>`);
    el.feedback.showResults([
      { userId: 'u1', ok: true, text: 'Ana: access revoked' },
      { userId: 'u2', ok: false, text: 'Ben: not removed' },
    ]);
    await el.updateComplete;
    const items = [...part(el, 'bulk-results')!.querySelectorAll('li')];
    expect(
      items.map((item) => [item.dataset.ok, item.textContent!.replace(/\s+/g, ' ').trim()]),
    ).to.deep.equal([
      ['true', '✓ Ana: access revoked'],
      ['false', '✗ Ben: not removed'],
    ]);
    await expect(el).to.be.accessible();
    button(el, 'Dismiss results').click();
    await el.updateComplete;
    expect(part(el, 'bulk-results')).to.equal(null);
  });
});
