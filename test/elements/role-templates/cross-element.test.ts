import { expect, html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { User } from '../../../src/api/types.js';
import { confirm, fill, inItem, opened, setup } from './helpers.js';

/** `<users-table>` beside the section, on the same store. */
async function withTable(s: Awaited<ReturnType<typeof setup>>) {
  const host = document.createElement('div');
  render(html`<users-table .store=${s.store}></users-table>`, host);
  s.root.append(host);
  const table = host.querySelector('users-table')!;
  await waitUntil(() => s.store.$rows.get().length > 0, 'rows');
  await table.updateComplete;
  const holder = s.store.$rows.get().find((u) => u.roleTemplateId !== null) as User;
  const template = s.store.$templates.get().find((t) => t.id === holder.roleTemplateId)!;
  /** Text of the table's template cells. */
  const cells = () => table.shadowRoot!.textContent ?? '';
  return { table, holder, template, cells };
}

describe('<role-templates> with <users-table>', () => {
  it('a rename in <role-templates> shows in the table’s template column at once', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    const { template, cells } = await withTable(s);
    expect(cells()).to.contain(template.name);
    inItem<HTMLButtonElement>(s.el, template.name, 'edit-button').click();
    const dialog = await opened(s.el);
    fill(dialog, 'Renamed here');
    await confirm(dialog);
    await waitUntil(() => cells().includes('Renamed here'), 'table shows the new name');
    expect(cells()).not.to.contain(template.name);
  });

  it('a rename by another client (another admin session) comes through the live stream to both elements', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    const { template, cells } = await withTable(s);
    await waitUntil(() => s.store.$live.get() === 'open', 'live stream open');
    const res = await s.server.fetch(`https://roster.test/api/v1/role-templates/${template.id}`, {
      method: 'PATCH',
      headers: {
        Authorization: 'Bearer admin',
        'Content-Type': 'application/json',
        'If-Match': `"${template.version}"`,
      },
      body: JSON.stringify({ name: 'Renamed elsewhere' }),
    });
    expect(res.status).to.equal(200);
    await waitUntil(() => cells().includes('Renamed elsewhere'), 'table shows it', {
      timeout: 4000,
    });
    inItem(s.el, 'Renamed elsewhere', 'name');
  });

  it('a template deleted elsewhere leaves the list, its holders show none', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    const { template, holder, cells } = await withTable(s);
    await waitUntil(() => s.store.$live.get() === 'open', 'live stream open');
    await s.server.fetch(`https://roster.test/api/v1/role-templates/${template.id}`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer admin' },
    });
    await waitUntil(() => !cells().includes(template.name), 'name gone from the table', {
      timeout: 4000,
    });
    await waitUntil(() => s.store.$users.get()[holder.id]?.roleTemplateId === null);
    expect(() => inItem(s.el, template.name, 'name')).to.throw();
  });
});
