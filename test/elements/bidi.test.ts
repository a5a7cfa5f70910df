import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { displayName } from '../../src/api/rules.js';
import { makeUser } from '../store/fixtures.js';
import { open, setup } from './revoke-dialog/helpers.js';
import { $$, input, openInvite } from './invite-dialog/helpers.js';
import { mountTable, rowOf, settledTable } from './users-table/helpers.js';

const RLO_NAME = '\u202Enimda';
const RLO_EMAIL = '\u202Emoc.elpmaxe@nimda';

describe('bidirectional isolation of names and emails', () => {
  it('holds a name or email with a bidi control between FSI and PDI, others as sent', () => {
    expect(displayName({ name: RLO_NAME, email: 'a@x.test' })).to.equal(`\u2068${RLO_NAME}\u2069`);
    expect(displayName({ name: ' ', email: RLO_EMAIL })).to.equal(`\u2068${RLO_EMAIL}\u2069`);
    expect(displayName({ name: 'Ana Souza', email: 'a@x.test' })).to.equal('Ana Souza');
    expect(displayName({ name: 'بدر', email: 'a@x.test' })).to.equal('بدر');
  });

  for (const dir of ['ltr', 'rtl']) {
    it(`isolates an overriding name in a dialog's line and its person row (${dir} page)`, async () => {
      document.documentElement.dir = dir;
      try {
        const s = await setup({ preset: 'workspace' }, 'owner');
        await open(s, [makeUser('x1', { name: RLO_NAME, email: RLO_EMAIL, assignedContacts: 3 })]);
        const root = s.el.shadowRoot!;
        const name = root.querySelector<HTMLElement>('.person .name')!;
        expect(name.textContent).to.equal(`\u2068${RLO_NAME}\u2069`);
        expect(['isolate', 'plaintext']).to.include(getComputedStyle(name).unicodeBidi);
        // Every sentence naming the user closes the override before its own words go on.
        const lines = [...root.querySelectorAll('h2, p')].map((e) => e.textContent!);
        const naming = lines.filter((t) => t.includes(RLO_NAME));
        expect(naming).to.not.be.empty;
        for (const t of naming) expect(t).to.contain(`\u2068${RLO_NAME}\u2069`);
      } finally {
        document.documentElement.dir = 'ltr';
      }
    });
  }

  for (const dir of ['ltr', 'rtl']) {
    it(`isolates an overriding name and email in the table's cells (${dir} page)`, async () => {
      document.documentElement.dir = dir;
      try {
        const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
        const user = Object.values(store.$users.get()).find((u) => u && u.status === 'active')!;
        store.$users.setKey(user.id, { ...user, name: RLO_NAME, email: RLO_EMAIL });
        await settledTable(el, store);
        const row = rowOf(el, user.id)!;
        const name = row.querySelector<HTMLElement>('.name-text')!;
        const email = row.querySelector<HTMLElement>('.cell.email .text')!;
        expect(name.textContent).to.contain(RLO_NAME);
        expect(email.textContent).to.equal(RLO_EMAIL);
        for (const holder of [name, email])
          expect(['isolate', 'plaintext']).to.include(getComputedStyle(holder).unicodeBidi);
      } finally {
        document.documentElement.dir = 'ltr';
      }
    });
  }

  it('isolates an overriding address in an invitation chip', async () => {
    const { el } = await openInvite();
    input(el).focus();
    await sendKeys({ type: `${RLO_EMAIL}, ` });
    await el.updateComplete;
    const chip = $$(el, '[part~="chip"] .chip-edit')[0]!;
    expect(chip.textContent).to.contain(RLO_EMAIL);
    expect(chip.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(chip).unicodeBidi).to.equal('isolate');
  });

  it("closes the isolate of a long overriding name cut short in the revoke dialog's heading", async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const long = `\u202E${'nimda'.repeat(20)}`;
    await open(s, [makeUser('x2', { name: long, email: 'a@x.test', assignedContacts: 3 })]);
    const heading = s.el.shadowRoot!.querySelector('h2')!.textContent!;
    expect(heading).to.contain(`\u2068\u202E${'nimda'.repeat(11)}`);
    expect(heading).to.contain('…\u2069');
    expect(heading).not.to.contain(long);
  });
});
