import { expect } from '@open-wc/testing';
import { invite, search } from '../../../src/store/index.js';
import { parseColor, tokenColor } from '../parts/contrast.js';
import { $, $$, mountTable, rowOf, rows, until } from './helpers.js';

/** Whether an element shows on screen (laid out, not clipped to a pixel by visually-hidden). */
function shown(node: Element): boolean {
  const box = node.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && getComputedStyle(node).visibility !== 'hidden';
}

describe('<users-table> look', () => {
  it('writes every column header in the same colour (Status is not greyed)', async () => {
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    const labels = $$(el, '[part="header-row"] [role="columnheader"]').flatMap((cell) => {
      const label = cell.querySelector('.text');
      return label && shown(label)
        ? [[label.textContent!.trim(), getComputedStyle(label).color]]
        : [];
    });
    expect(labels.map(([text]) => text)).to.include.members(['Name', 'Status', 'Email', 'Role']);
    const text = getComputedStyle(el).color;
    for (const [label, color] of labels) expect(color, label).to.equal(text);
    expect(
      new Set($$(el, '[role="columnheader"]').map((c) => getComputedStyle(c).color)).size,
    ).to.equal(1);
  });

  it('keeps the header and the height when a search finds nobody, the message in the body', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const grid = $(el, '[role="grid"]')!;
    const height = grid.getBoundingClientRect().height;
    const headerCells = $$(el, '[role="columnheader"]').length;
    await search(store, 'nobody-is-called-this');
    await until(
      el,
      () => !store.$paging.get().loading && store.$rows.get().length === 0,
      'no rows',
    );
    const empty = $(el, '[role="grid"]')!;
    expect($(el, '[part="header-row"]'), 'the header row stays').to.not.equal(null);
    expect($$(el, '[role="columnheader"]')).to.have.length(headerCells);
    expect(empty.getBoundingClientRect().height).to.be.closeTo(height, 1);
    // The message sits in the body, below the header, with a height of its own.
    const state = $(el, '.body [part="state"]')!;
    expect(state.textContent).to.contain('nobody-is-called-this');
    const body = $(el, '.body')!.getBoundingClientRect();
    const header = $(el, '[part="header-row"]')!.getBoundingClientRect();
    expect(body.top).to.be.at.least(header.bottom - 1);
    expect(body.height).to.be.at.least(150);
    expect(state.getBoundingClientRect().width).to.be.at.most(empty.clientWidth + 1);
    expect($(el, '[part="clear-search-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows the email of an invited user without a name once, in the name column and muted', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const email = 'no.name.yet@acme.test';
    const [result] = await invite(store, [{ email, role: 'agent' }]);
    expect(result!.ok).to.be.true;
    await search(store, email);
    await until(el, () => rows(el).length === 1, 'the invited row');
    const row = rowOf(el, result!.ok ? result!.user.id : '')!;
    const name = row.querySelector<HTMLElement>('[part="name"]')!;
    expect(name.textContent!.trim()).to.equal(email);
    expect(parseColor(getComputedStyle(name).color)).to.deep.equal(
      parseColor(tokenColor(el, 'text-muted')),
    );
    // On screen once (screen readers still find it in the Email column).
    const seen = [...row.querySelectorAll('*')].filter(
      (node) => node.children.length === 0 && node.textContent!.trim() === email && shown(node),
    );
    expect(seen).to.have.length(1);
    expect(row.textContent!.split(email).length - 1).to.equal(2);
    // A user with a name: the name in the name column, the email in the email column.
    await search(store, '');
    await until(el, () => rows(el).length > 1, 'all rows');
    const named = rows(el).find((r) => store.$users.get()[r.dataset.id!]!.name.trim())!;
    const user = store.$users.get()[named.dataset.id!]!;
    expect(named.querySelector('[part="name"]')!.textContent!.trim()).to.equal(user.name);
    const emails = [...named.querySelectorAll('.text')].filter((n) => n.textContent === user.email);
    expect(emails.filter(shown)).to.have.length(1);
  });
});
