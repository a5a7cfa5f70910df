/** The invite dialog's address field on its own: text to chips, checks, limits and keys. */
import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import {
  AddressChips,
  MAX_ADDRESSES,
  MAX_PER_SEND,
  addressChipsStyles,
} from '../../../src/elements/invite-dialog/address-chips.js';
import { deepActiveElement } from '../../../src/elements/parts/dialog.js';
import type { Lookup } from '../../../src/store/index.js';
import { controls } from '../../../src/styles/controls.js';
import { tokens } from '../../../src/styles/tokens.js';
import { hostileStrings, pwned } from '../hostile.js';

/** A bare host of the controller, recording its callbacks. */
class ChipsHost extends LitElement {
  static override styles = [tokens, controls, addressChipsStyles];

  known = new Map<string, Lookup>();
  busy = false;
  cap = MAX_PER_SEND;
  calls = { add: 0, clear: 0, submit: 0 };
  addresses = new AddressChips(this, {
    known: () => this.known,
    busy: () => this.busy,
    onAdd: () => this.calls.add++,
    onClear: () => this.calls.clear++,
    onSubmit: () => this.calls.submit++,
  });

  override render() {
    return this.addresses.render({ cap: this.cap, seats: html`<span>Seats</span>` });
  }
}
customElements.define('address-chips-host', ChipsHost);

async function mount(): Promise<ChipsHost> {
  const host = fixtureSync<ChipsHost>(html`<address-chips-host></address-chips-host>`);
  await host.updateComplete;
  return host;
}

const $ = <E extends Element = HTMLElement>(host: ChipsHost, selector: string) =>
  host.shadowRoot!.querySelector<E>(selector);
const input = (host: ChipsHost) => $<HTMLInputElement>(host, '[part="email-input"]')!;
const emails = (host: ChipsHost) => host.addresses.chips.map((chip) => chip.email);
const messages = (host: ChipsHost) => host.addresses.checks.map((check) => check.message);

/** Types `value` into the input as an `input` event would bring it. */
async function type(host: ChipsHost, value: string): Promise<void> {
  input(host).value = value;
  input(host).dispatchEvent(new Event('input'));
  await host.updateComplete;
}

async function paste(host: ChipsHost, text: string): Promise<void> {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input(host).focus();
  input(host).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, cancelable: true }));
  await host.updateComplete;
}

describe('AddressChips', () => {
  it('turns text into chips at each separator, keeping the fragment being typed', async () => {
    const host = await mount();
    await type(host, 'ana@example.com, bo@example.com;cy@exa');
    expect(emails(host)).to.deep.equal(['ana@example.com', 'bo@example.com']);
    expect(input(host).value).to.equal('cy@exa');
    expect(host.calls.add).to.equal(1);
    // A text input drops line breaks from its value; pasted ones are kept (see below).
    await type(host, 'cy@example.com ');
    expect(emails(host)).to.have.length(3);
    await expect(host).to.be.accessible();
  });

  it('makes a pasted list chips at once, with the text around the selection', async () => {
    const host = await mount();
    input(host).value = 'first@example.com';
    input(host).setSelectionRange(17, 17);
    await paste(host, ' second@example.com\tthird@example.com');
    expect(emails(host)).to.deep.equal([
      'first@example.com',
      'second@example.com',
      'third@example.com',
    ]);
    expect(input(host).value).to.equal('');
  });

  it('leaves a paste without a separator to the input', async () => {
    const host = await mount();
    await paste(host, 'lone@example.com');
    expect(emails(host)).to.deep.equal([]);
  });

  it('flags invalid, repeated and known addresses, and they are not sendable', async () => {
    const host = await mount();
    host.known.set('member@example.com', 'member').set('pending@example.com', 'invited');
    await type(host, 'not-an-email a@b@c.test Ana@Example.com ana@example.com ');
    await type(host, 'MEMBER@example.com pending@example.com free@example.com ');
    expect(messages(host)).to.deep.equal([
      'Not a valid email address',
      'Not a valid email address',
      null,
      'Listed twice',
      'Already a member',
      'Already invited',
      null,
    ]);
    expect($(host, '#emails-flagged')!.textContent!.replace(/\s+/g, ' ')).to.equal(
      '2 addresses are ready to send. 5 addresses need attention and will not be sent: fix or remove them.',
    );
    expect(input(host).getAttribute('aria-invalid')).to.equal('true');
    expect(host.addresses.takeSendable().map((chip) => chip.email)).to.deep.equal([
      'Ana@Example.com',
      'free@example.com',
    ]);
  });

  it('takes what is being typed along when sending', async () => {
    const host = await mount();
    await type(host, 'typed@example.com');
    expect(host.addresses.takeSendable().map((chip) => chip.email)).to.deep.equal([
      'typed@example.com',
    ]);
  });

  it('keeps at most 1,000 addresses and says how many were left out', async () => {
    const host = await mount();
    await paste(
      host,
      Array.from({ length: MAX_ADDRESSES + 5 }, (_, i) => `p${i}@x.test`).join(','),
    );
    expect(host.addresses.chips).to.have.length(MAX_ADDRESSES);
    expect(host.shadowRoot!.textContent).to.contain(
      'Only the first 1,000 addresses were kept; 5 were left out.',
    );
  });

  it('says the 100-per-send cap and keeps the first 100 on request', async () => {
    const host = await mount();
    await paste(host, Array.from({ length: 120 }, (_, i) => `p${i}@x.test`).join(',') + ', bad');
    expect($(host, '[part="limit-message"]')!.textContent).to.contain(
      'At most 100 invitations can be sent at once: remove 20 addresses.',
    );
    expect(input(host).getAttribute('aria-describedby')).to.contain('limit-message');
    $<HTMLButtonElement>(host, '[part="keep-first-button"]')!.click();
    await host.updateComplete;
    // The flagged address stays, to be fixed; the sendable ones are cut to the cap.
    expect(host.addresses.chips).to.have.length(101);
    expect($(host, '[part="limit-message"]')).to.be.null;
  });

  it('lets a tighter cap (seats) speak, and offers no keeping when none can go', async () => {
    const host = await mount();
    host.cap = 2;
    await type(host, 'a@x.test b@x.test c@x.test ');
    expect($(host, '[part="limit-message"]')!.textContent).to.contain(
      'Not enough seats left: remove 1 address, or free seats first.',
    );
    host.cap = 0;
    host.requestUpdate();
    await host.updateComplete;
    expect($(host, '[part="limit-message"]')!.textContent).to.contain('No seats left');
    expect($(host, '[part="keep-first-button"]')).to.be.null;
  });

  it('removes with Backspace in the empty input, Delete in the list, and the × button', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test c@x.test d@x.test ');
    input(host).focus();
    await sendKeys({ press: 'Backspace' });
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['a@x.test', 'b@x.test', 'c@x.test']);
    await sendKeys({ press: 'ArrowLeft' });
    await host.updateComplete;
    expect(deepActiveElement()?.textContent?.trim()).to.equal('c@x.test');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Delete' });
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['b@x.test', 'c@x.test']);
    expect(deepActiveElement()?.textContent?.trim(), 'focus stays in the list').to.equal(
      'b@x.test',
    );
    $<HTMLButtonElement>(host, '[part="chip-remove"]')!.click();
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['c@x.test']);
    expect(deepActiveElement()).to.equal(input(host));
  });

  it('moves by arrow keys with one tab stop, and past the last chip to the input', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test ');
    const edits = [...host.shadowRoot!.querySelectorAll<HTMLElement>('[part="chip-edit"]')];
    expect(edits.map((edit) => edit.tabIndex)).to.deep.equal([0, -1]);
    edits[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await host.updateComplete;
    expect(deepActiveElement()).to.equal(edits[1]);
    expect(edits.map((edit) => edit.tabIndex)).to.deep.equal([-1, 0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(deepActiveElement()).to.equal(input(host));
  });

  it('puts a chip back into the input to edit it', async () => {
    const host = await mount();
    await type(host, 'a@x.test typo@x.tset ');
    $<HTMLButtonElement>(host, '[data-index="1"]')!.click();
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['a@x.test']);
    expect(input(host).value).to.equal('typo@x.tset');
  });

  it('sends on Enter in the empty input, and makes a chip on Enter after text', async () => {
    const host = await mount();
    input(host).focus();
    await sendKeys({ type: 'ana@example.com' });
    await sendKeys({ press: 'Enter' });
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['ana@example.com']);
    expect(host.calls.submit).to.equal(0);
    await sendKeys({ press: 'Enter' });
    expect(host.calls.submit).to.equal(1);
  });

  it('changes nothing while busy', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test ');
    host.busy = true;
    host.requestUpdate();
    await host.updateComplete;
    expect(input(host).readOnly).to.be.true;
    $<HTMLButtonElement>(host, '[data-index="0"]')!.click();
    input(host).focus();
    await sendKeys({ press: 'Backspace' });
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['a@x.test', 'b@x.test']);
  });

  it('keeps refused chips with the refusal after a send, and drops the rest', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test c@x.test ');
    const [a, b, c] = host.addresses.chips;
    host.addresses.settle([a!, b!], new Map([[b!, { error: 'No seat left' }]]));
    host.addresses.settle([c!], new Map([[c!, { error: 'Already a member', emailError: true }]]));
    await host.updateComplete;
    expect(emails(host)).to.deep.equal(['b@x.test', 'c@x.test']);
    expect(messages(host)).to.deep.equal(['No seat left', 'Already a member']);
    expect(host.addresses.takeSendable().map((chip) => chip.email)).to.deep.equal(['b@x.test']);
    host.addresses.clearAccessRefusals();
    await host.updateComplete;
    expect(messages(host), 'only the refusal about the access goes').to.deep.equal([
      null,
      'Already a member',
    ]);
  });

  it('counts a chip refused for a reason it may be sent again with as ready, not as needing attention', async () => {
    const host = await mount();
    await type(host, 'taken@x.test retry@x.test sent@x.test not-an-email fresh@x.test ');
    const [taken, retry, sent] = host.addresses.chips;
    host.addresses.settle(
      [taken!, retry!, sent!],
      new Map([
        [taken!, { error: 'Already a member', emailError: true }],
        [retry!, { error: 'The server had a problem; send again' }],
      ]),
    );
    await host.updateComplete;
    expect(emails(host)).to.deep.equal([
      'taken@x.test',
      'retry@x.test',
      'not-an-email',
      'fresh@x.test',
    ]);
    // One state: 2 go with the next send (the retried one still says why it failed), 2 do not.
    const line = $(host, '#emails-flagged')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(line).to.equal(
      '2 addresses are ready to send. 2 addresses need attention and will not be sent: fix or remove them.',
    );
    const flagged = [...host.shadowRoot!.querySelectorAll('[part~="chip-invalid"] .chip-email')];
    expect(flagged.map((chip) => chip.textContent)).to.deep.equal(['taken@x.test', 'not-an-email']);
    const reasons = [...host.shadowRoot!.querySelectorAll('[part="chip-error"]')];
    expect(reasons.map((reason) => reason.textContent)).to.deep.equal([
      'Already a member',
      'The server had a problem; send again',
      'Not a valid email address',
    ]);
    expect(host.addresses.takeSendable().map((chip) => chip.email)).to.deep.equal([
      'retry@x.test',
      'fresh@x.test',
    ]);
    await expect(host).to.be.accessible();
  });

  it('says nothing needs attention when every chip left may be sent again', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test ');
    const [a] = host.addresses.chips;
    host.addresses.settle([a!], new Map([[a!, { error: 'No seat left' }]]));
    await host.updateComplete;
    expect($(host, '#emails-flagged')).to.be.null;
    expect(input(host).getAttribute('aria-invalid')).to.equal('false');
    expect($(host, '[part="chip-error"]')!.textContent).to.equal('No seat left');
  });

  it('empties on "Remove all" and on reset', async () => {
    const host = await mount();
    await type(host, 'a@x.test b@x.test ');
    $<HTMLButtonElement>(host, '[part="clear-button"]')!.click();
    await host.updateComplete;
    expect(emails(host)).to.deep.equal([]);
    expect(host.calls.clear).to.equal(1);
    await type(host, 'c@x.test d');
    host.addresses.reset();
    await host.updateComplete;
    expect(emails(host)).to.deep.equal([]);
    expect(input(host).value).to.equal('');
  });

  it('shows hostile addresses as text, cut short when very long', async () => {
    const host = await mount();
    await paste(host, `${hostileStrings.markup}\n${hostileStrings.long}@x.test\n`);
    const shown = [...host.shadowRoot!.querySelectorAll('.chip-email')].map((el) => el.textContent);
    expect(shown[0]).to.equal(hostileStrings.markup.split(/[\s,;]+/)[0]);
    expect(shown.at(-1)!.length).to.equal(64);
    expect(pwned()).to.be.false;
    expect(messages(host).every((message) => message === 'Not a valid email address')).to.be.true;
  });
});
