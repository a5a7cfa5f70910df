import { expect, waitUntil } from '@open-wc/testing';
import { loadTemplates } from '../../../src/store/index.js';
import { item, inItem, names, part, parts, setup, text } from './helpers.js';

describe('<role-templates> list', () => {
  it('lists what the server has: name, description, how many users, grants in short', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    const served = s.store.$templates.get();
    expect(names(s.el)).to.deep.equal(served.map((t) => t.name));
    const analyst = served.find((t) => t.name === 'Analyst')!;
    expect(inItem(s.el, 'Analyst', 'description').textContent).to.contain('Reads dashboards');
    const count = inItem(s.el, 'Analyst', 'count').textContent!.trim();
    expect(count).to.equal(analyst.userCount === 1 ? '1 user' : `${analyst.userCount} users`);
    expect(inItem(s.el, 'Analyst', 'grants').textContent!.trim()).to.equal(
      'Analytics: View · Experiments: View',
    );
    expect(part(s.el, 'create-button')).to.exist;
    expect(item(s.el, 'Support agent').querySelector('[part=delete-button]')).to.exist;
    await expect(s.el).to.be.accessible();
  });

  it('is read-only for a persona without manageTemplates', async () => {
    const s = await setup({ preset: 'tenant' }, 'user-manager');
    // user-manager holds users.manage in the seed? Either way the buttons follow the capability.
    const manage = s.store.$me.get()!.capabilities.manageTemplates;
    expect(!!part(s.el, 'create-button')).to.equal(manage);
    const ro = await setup({ preset: 'workspace' }, 'owner');
    expect(text(ro.el, 'state')).to.contain('no role templates');
    await expect(ro.el).to.be.accessible();
  });

  it('shows the list without any action to a reader (all preset, agent)', async () => {
    const s = await setup({ preset: 'all' }, 'agent');
    await waitUntil(() => parts(s.el, 'state').length > 0 || parts(s.el, 'list').length > 0);
    expect(part(s.el, 'create-button')).to.equal(null);
    expect(parts(s.el, 'actions')).to.have.length(0);
    await expect(s.el).to.be.accessible();
  });

  it('says so when the persona may not see templates (tenant user: 403)', async () => {
    const s = await setup({ preset: 'tenant' }, 'user');
    expect(text(s.el, 'state')).to.equal("You're not allowed to see the role templates.");
    expect(part(s.el, 'create-button')).to.equal(null);
    await expect(s.el).to.be.accessible();
  });

  it('shows loading, then a failure with Retry, then the list', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin', false);
    expect(text(s.el, 'state')).to.contain('Loading');
    await expect(s.el).to.be.accessible();
    await waitUntil(() => s.store.$workspace.get() && s.store.$templates.get().length > 0);
    s.store.$templates.set([]);
    s.net.server.close();
    const failing = s.store.client.listTemplates;
    s.store.client.listTemplates = () => Promise.reject(new TypeError('Failed to fetch'));
    await loadTemplates(s.store).catch(() => undefined);
    await s.el.updateComplete;
    expect(part(s.el, 'state')!.getAttribute('role')).to.equal('alert');
    expect(part(s.el, 'retry-button')).to.exist;
    await expect(s.el).to.be.accessible();
    s.store.client.listTemplates = failing;
    part<HTMLButtonElement>(s.el, 'retry-button')!.click();
    await waitUntil(() => parts(s.el, 'template').length === 3, 'list after retry');
  });

  it('says when there are none yet', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    s.store.$templates.set([]);
    await s.el.updateComplete;
    expect(text(s.el, 'state')).to.contain('No role templates yet. Create one');
    await expect(s.el).to.be.accessible();
  });
});
