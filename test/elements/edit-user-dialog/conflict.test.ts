import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import {
  $,
  choose,
  click,
  conflictRows,
  fill,
  focused,
  idle,
  input,
  open,
  otherClient,
  part,
  setup,
  text,
} from './helpers.js';
import type { Setup } from './helpers.js';

const WORKSPACE = { preset: 'workspace' } as const;

/** Opens Olga (agent) as owner, picks Manager, and has owner2 rename her meanwhile. */
async function raced(s: Setup, theirs: { name?: string; role?: string } = { name: 'Olga P.' }) {
  const olga = s.byName('Olga Petrova');
  const opened = await open(s, olga);
  await choose(s.el, 'role', theirs.role === 'manager' ? 'owner' : 'manager');
  await otherClient(s, 'owner2').updateUser(olga.id, theirs, olga.version);
  await click(s.el, 'review-button');
  await click(s.el, 'save-button');
  await idle(s.el);
  return { olga, ...opened };
}

describe('<edit-user-dialog> when someone else changed the user', () => {
  it('shows both versions side by side and saves nothing', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { olga } = await raced(s);
    expect(text(s.el, 'heading')).to.equal('Someone else changed this user');
    expect(conflictRows(s.el)).to.deep.equal([
      ['Role', 'Manager', 'Agent'],
      ['Name', 'Olga Petrova', 'Olga P.'],
    ]);
    expect(s.net.patches, 'one attempt, refused with 412').to.have.length(1);
    const server = s.server.userAs('owner', olga.id)!;
    expect(server.name).to.equal('Olga P.');
    expect(server.role, 'not overwritten').to.equal('agent');
    expect(focused()).to.equal($(s.el, '.conflict-intro'));
    expect(text(s.el, 'body')).to.contain(
      'After you opened this dialog, someone else changed Olga Petrova. Nothing was saved.',
    );
    expect(s.el.open).to.be.true;
    await expect(s.el).to.be.accessible();
  });

  it('keeps words whole in the comparison on a narrow screen', async () => {
    await setViewport({ width: 300, height: 700 });
    try {
      const s = await setup(WORKSPACE, 'owner');
      await raced(s, { role: 'manager' });
      const table = part(s.el, 'conflict')!;
      // One line box per word: "Field", "Role", "Manager" are never cut ("Fiel d", "Manage r").
      const lines = (cell: Element) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      };
      const cells = [...table.querySelectorAll('th, td')].filter(
        (cell) => !/\s/.test(cell.textContent!.trim()),
      );
      expect(cells.length).to.be.greaterThan(3);
      for (const cell of cells) expect(lines(cell), cell.textContent!.trim()).to.equal(1);
      expect(table.getBoundingClientRect().right).to.be.at.most(300);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('"Use current version" reloads the form from their version and sends nothing', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { olga, outcome } = await raced(s);
    await click(s.el, 'use-current-button');
    expect(text(s.el, 'heading')).to.equal('Edit user');
    expect(part<HTMLInputElement>(s.el, 'name-input')!.value).to.equal('Olga P.');
    expect(input(s.el, 'role', 'agent')!.checked).to.be.true;
    expect(text(s.el, 'notice')).to.equal(
      'Showing the current version; your changes were discarded.',
    );
    expect(part<HTMLButtonElement>(s.el, 'review-button')!.disabled).to.be.true;
    await click(s.el, 'cancel-button');
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
    expect(s.net.patches).to.have.length(1);
    expect(s.server.userAs('owner', olga.id)!.role).to.equal('agent');
  });

  it('"Apply my changes again" sends them on top of their version', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { olga, outcome } = await raced(s);
    const theirs = s.server.userAs('owner', olga.id)!;
    await click(s.el, 'apply-again-button');
    const result = await outcome;
    expect(result.status).to.equal('saved');
    expect(s.net.patches).to.have.length(2);
    expect(s.net.patches[1]!.ifMatch).to.equal(`"${theirs.version}"`);
    const saved = s.server.userAs('owner', olga.id)!;
    expect(saved.name, 'their change kept').to.equal('Olga P.');
    expect(saved.role, 'my change applied').to.equal('manager');
  });

  it('the same field changed on both sides: both values shown, current kept on request', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { olga } = await raced(s, { role: 'manager' });
    expect(conflictRows(s.el)).to.deep.equal([['Role', 'Owner', 'Manager']]);
    expect($(s.el, 'td[data-differs]')!.textContent!.trim()).to.equal('Manager');
    await click(s.el, 'use-current-button');
    expect(input(s.el, 'role', 'manager')!.checked).to.be.true;
    expect(s.server.userAs('owner', olga.id)!.role).to.equal('manager');
  });

  it('applying again when they made the very same change says so and sends nothing more', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    await open(s, olga);
    await fill(s.el, 'name', 'Olga P.');
    await otherClient(s, 'owner2').updateUser(olga.id, { name: 'Olga P.' }, olga.version);
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(conflictRows(s.el)).to.deep.equal([['Name', 'Olga P.', 'Olga P.']]);
    await click(s.el, 'apply-again-button');
    expect(text(s.el, 'notice')).to.equal('The current version already has your changes.');
    expect(s.net.patches).to.have.length(1);
  });

  it('a user outside the loaded view is checked before sending', async () => {
    const s = await setup(WORKSPACE, 'owner', { pageSize: 5 });
    const far = s.find(
      (u) => u.allowedActions.changeRole.includes('manager') && !s.store.$users.get()[u.id],
    );
    await open(s, far);
    await choose(s.el, 'role', 'manager');
    await otherClient(s, 'owner2').updateUser(far.id, { name: 'Renamed' }, far.version);
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(text(s.el, 'heading')).to.equal('Someone else changed this user');
    expect(s.net.patches, 'nothing sent').to.have.length(0);
    await click(s.el, 'apply-again-button');
    await idle(s.el);
    const saved = s.server.userAs('owner', far.id)!;
    expect([saved.name, saved.role]).to.deep.equal(['Renamed', 'manager']);
  });

  it('a live update of an untouched form is simply followed', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    await open(s, olga);
    const fresh = await otherClient(s, 'owner2').updateUser(olga.id, { name: 'Olga P.' }, 1);
    s.store.$users.setKey(olga.id, fresh); // as the live stream would
    await s.el.updateComplete;
    expect(part<HTMLInputElement>(s.el, 'name-input')!.value).to.equal('Olga P.');
    expect(text(s.el, 'form')).not.to.contain('changed by someone else');
  });

  it('a live update during editing warns, and saving compares before sending', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    await open(s, olga);
    await choose(s.el, 'role', 'manager');
    const fresh = await otherClient(s, 'owner2').updateUser(olga.id, { name: 'Olga P.' }, 1);
    s.store.$users.setKey(olga.id, fresh);
    await s.el.updateComplete;
    expect(text(s.el, 'body')).to.contain(
      'While you were editing, someone else changed Olga Petrova.',
    );
    expect(input(s.el, 'role', 'manager')!.checked, 'edits kept').to.be.true;
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    expect(text(s.el, 'heading')).to.equal('Someone else changed this user');
    expect(s.net.patches).to.have.length(0);
  });
});
