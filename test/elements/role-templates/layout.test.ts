import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { hostileStrings } from '../hostile.js';
import { inItem, opened, part, parts, setup } from './helpers.js';

/** Whether anything in the section sticks out past the element's inline edges. */
function overflows(el: HTMLElement): string[] {
  const box = el.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part]')]
    .filter((node) => {
      const r = node.getBoundingClientRect();
      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
    })
    .map((node) => node.getAttribute('part')!);
}

describe('<role-templates> layout', () => {
  afterEach(async () => {
    document.documentElement.removeAttribute('dir');
    await setViewport({ width: 800, height: 600 });
  });

  it('fits 320 px, long names and all, with every action reachable', async () => {
    await setViewport({ width: 320, height: 640 });
    const s = await setup({ preset: 'tenant' }, 'admin');
    const [first] = s.store.$templates.get();
    s.store.$templates.set([
      { ...first!, name: hostileStrings.long, description: hostileStrings.long },
      ...s.store.$templates.get().slice(1),
    ]);
    await s.el.updateComplete;
    expect(overflows(s.el)).to.deep.equal([]);
    for (const button of parts<HTMLButtonElement>(s.el, 'delete-button'))
      expect(button.getBoundingClientRect().width).to.be.greaterThan(0);
    await expect(s.el).to.be.accessible();
  });

  it('mirrors in RTL: actions on the left of the summary, text aligned right', async () => {
    document.documentElement.setAttribute('dir', 'rtl');
    await setViewport({ width: 1000, height: 640 });
    const s = await setup({ preset: 'tenant' }, 'admin');
    const name = inItem(s.el, 'Analyst', 'name');
    const actions = inItem(s.el, 'Analyst', 'actions');
    expect(actions.getBoundingClientRect().right).to.be.lessThan(
      name.getBoundingClientRect().left + 1,
    );
    expect(getComputedStyle(name).textAlign).to.equal('right');
    const header = part(s.el, 'create-button')!.getBoundingClientRect();
    expect(header.left).to.be.lessThan(part(s.el, 'heading')!.getBoundingClientRect().left);
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    const dialog = await opened(s.el);
    await expect(dialog).to.be.accessible();
    await expect(s.el).to.be.accessible();
  });
});
