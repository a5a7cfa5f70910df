import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, mount, storeAs, text } from './helpers.js';

describe('<permission-matrix mode="roles">', () => {
  for (const preset of ['workspace', 'tenant', 'all'] as const) {
    it(`shows exactly what /roles declares (${preset})`, async () => {
      const { store } = await storeAs(preset, preset === 'tenant' ? 'admin' : 'owner');
      const el = await mount(store, html`<permission-matrix></permission-matrix>`);
      const roles = [...store.$roles.get()].sort((a, b) => b.rank - a.rank);
      const modules = store.$catalog.get()!.modules;
      const headers = $$(el, 'thead th').map(text);
      expect(headers).to.deep.equal(['Module', ...roles.map((r) => r.name)]);
      const rows = $$(el, 'tbody tr');
      expect(rows).to.have.length(modules.length);
      for (const row of rows) {
        const name = text(row.querySelector('th')).split(': ').at(-1);
        const module = modules.find((m) => m.name === name)!;
        expect(module, name).to.exist;
        const cells = [...row.querySelectorAll('td')].map((td) => td.dataset.access);
        expect(cells, module.id).to.deep.equal(roles.map((r) => r.modules[module.id] ?? 'none'));
        // Each cell says it in words too, not only with an icon.
        for (const td of row.querySelectorAll('td'))
          expect(text(td.querySelector('.visually-hidden'))).to.match(
            /^(Has access|Can be allowed|No access)$/,
          );
      }
      expect($$(el, 'th[scope="row"]')).to.have.length(modules.length);
      expect($$(el, 'th[scope="col"]')).to.have.length(roles.length + 1);
      await expect(el).to.be.accessible();
    });
  }

  it('groups sub-modules under their parent, indented, named with it', async () => {
    const { store } = await storeAs('workspace', 'owner');
    const el = await mount(store, html`<permission-matrix></permission-matrix>`);
    const group = $$(el, 'tbody').find(
      (body) => text(body.querySelector('th')) === 'Workspace settings',
    )!;
    const subs = [...group.querySelectorAll('tr.sub th')].map(text);
    expect(subs).to.include('Workspace settings: Users');
    expect(subs).to.have.length(9);
    const indent = (node: Element) => parseFloat(getComputedStyle(node).paddingInlineStart);
    expect(indent(group.querySelector('tr.sub th')!)).to.be.greaterThan(
      indent(group.querySelector('th')!),
    );
  });

  it('says which restriction governs a "can be allowed" cell: footnote, focus and hover', async () => {
    const { store } = await storeAs('workspace', 'owner');
    const el = await mount(store, html`<permission-matrix></permission-matrix>`);
    const notes = $$(el, '[part="footnotes"] li').map(text);
    expect(
      notes.some((n) =>
        n.startsWith('Manager: depends on the restriction “No workspace settings”'),
      ),
    ).to.be.true;
    expect(notes.some((n) => n.startsWith('Agent: depends on the restriction “Hide workflows”'))).to
      .be.true;
    const optional = $(el, '[data-access="optional"] .opt')!;
    const note = el.shadowRoot!.getElementById(optional.getAttribute('aria-describedby')!)!;
    expect(notes).to.include(text(note));
    optional.focus();
    await el.updateComplete;
    const tip = $(el, '[part="tooltip"]')!;
    expect(tip.matches(':popover-open')).to.be.true;
    expect(text(tip)).to.equal(text(note));
    await expect(el).to.be.accessible();
    optional.blur();
    await el.updateComplete;
    expect(tip.matches(':popover-open')).to.be.false;
    optional.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(tip.matches(':popover-open')).to.be.true;
  });

  it('names the governing restriction on every "can be allowed" cell, a sub-module through its parent', async () => {
    const { store } = await storeAs('workspace', 'owner');
    const el = await mount(store, html`<permission-matrix></permission-matrix>`);
    const optional = $$(el, 'td[data-access="optional"]');
    expect(optional.length).to.be.greaterThan(3);
    for (const cell of optional) {
      const row = text(cell.closest('tr')!.querySelector('th')!);
      expect(cell.querySelector('.opt[aria-describedby]'), row).to.exist;
    }
    // "General" sits under Workspace settings: the manager's note is that of its parent.
    const general = $$(el, 'tbody tr').find((tr) =>
      text(tr.querySelector('th')!).endsWith('General'),
    )!;
    const managerCell = general.querySelectorAll('td')[1]!;
    const note = el.shadowRoot!.getElementById(
      managerCell.querySelector('.opt')!.getAttribute('aria-describedby')!,
    )!;
    expect(text(note)).to.contain('No workspace settings');
  });

  it('says what opens a module when no restriction governs it: a permission category or a flag', async () => {
    const { store } = await storeAs('tenant', 'admin');
    const el = await mount(store, html`<permission-matrix></permission-matrix>`);
    const notes = $$(el, '[part="footnotes"] li').map(text);
    expect(notes).to.include('User: when the user is given permissions on Conversations.');
    expect(notes).to.include('User: when “CRM access” is on for the user.');
    for (const cell of $$(el, 'td[data-access="optional"]'))
      expect(cell.querySelector('.opt[aria-describedby]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('has a legend and a labelled, focusable scroll region', async () => {
    const { store } = await storeAs('tenant', 'admin');
    const el = await mount(store, html`<permission-matrix></permission-matrix>`);
    expect(text($(el, '[part="legend"]'))).to.equal('✓ Has access ○ Can be allowed ✕ No access');
    const region = $(el, '[role="region"]')!;
    expect(region.getAttribute('aria-label')).to.equal('Module access by role');
    region.focus();
    expect(el.shadowRoot!.activeElement).to.equal(region);
    await sendKeys({ press: 'Tab' });
  });
});
