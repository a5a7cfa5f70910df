/**
 * The themes: light and dark (the `theme` attribute, the `--roster-color-scheme` token and the
 * reader's `prefers-color-scheme`), a brand colour from which the rest is derived, and density.
 * Contrast is measured on the colours the browser computes, through a canvas (so `lch()`,
 * `color-mix()` and `light-dark()` all come out as the sRGB pixels a reader sees).
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, sendMouse } from '@web/test-runner-commands';
import type { UsersTable } from '../../src/elements/users-table/users-table.js';
import { contrast, painted, tokenColor } from './parts/contrast.js';
import { $, $$, mountTable } from './users-table/helpers.js';

/** Waits until the colour transitions a theme change started have ended. */
async function settled(el: UsersTable): Promise<void> {
  await Promise.all(el.shadowRoot!.getAnimations().map((animation) => animation.finished));
}

/** A probe inside `el`'s shadow root, styled by the element's own sheets. */
function probe(el: UsersTable, tag: string, className = ''): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = 'Probe';
  el.shadowRoot!.append(node);
  return node;
}

/** The colour a private token resolves to in `el`. */
const token = tokenColor;

/** Text on surface pairs that must reach 4.5:1 (WCAG 2.2 AA, normal text). */
const TEXT_PAIRS: [string, string][] = [
  ['text', 'surface'],
  ['text', 'surface-alt'],
  ['text', 'surface-raised'],
  ['text', 'selected'],
  ['text-muted', 'surface'],
  ['text-muted', 'surface-alt'],
  ['text-muted', 'surface-raised'],
  ['danger', 'surface'],
  ['danger', 'surface-raised'],
  ['warning', 'surface'],
  ['success', 'surface'],
  ['accent-text', 'accent'],
  ['danger-text', 'danger'],
];

/** Marks that must reach 3:1 on the surface (WCAG 2.2 AA, non-text contrast). */
const MARK_PAIRS: [string, string][] = [
  ['focus', 'surface'],
  ['focus', 'surface-raised'],
  ['focus', 'surface-alt'],
  ['ink', 'surface'],
  ['ink', 'selected'],
  ['warning', 'surface-alt'],
  ['danger', 'surface-alt'],
];

/** Brand colours from every corner: pale, dark, saturated, grey, the hard yellows and cyans. */
const BRANDS = [
  '#ffd400',
  '#ffff00',
  '#00e5ff',
  '#00c2a8',
  '#7c3aed',
  '#e11d48',
  '#ff7a00',
  '#0ea5e9',
  '#16a34a',
  '#111111',
  '#f5f5f5',
  '#777777',
  '#0000ff',
  '#ff00ff',
  // Around the point where black and white text contrast alike, in every hue.
  ...Array.from(
    { length: 24 },
    (_, i) => `hsl(${i * 15} ${i % 2 ? 100 : 60}% ${i % 3 ? 45 : 52}%)`,
  ),
];

/** The pair's contrast, with the colours in the failure message. */
function expectContrast(el: UsersTable, [fg, bg]: [string, string], least: number, what = '') {
  const [a, b] = [token(el, fg), token(el, bg)];
  expect(contrast(a, b), `${what}${fg} ${a} on ${bg} ${b}`).to.be.at.least(least);
}

/** A primary and a danger button of the shared controls, the pointer over `hovered`. */
async function hoverContrast(el: UsersTable, variant: 'primary' | 'danger'): Promise<number> {
  const button = probe(el, 'button', `button ${variant}`);
  const box = button.getBoundingClientRect();
  await sendMouse({
    type: 'move',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
  const style = getComputedStyle(button);
  const ratio = contrast(painted(style.color), painted(style.backgroundColor));
  await sendMouse({ type: 'move', position: [0, 0] });
  button.remove();
  return ratio;
}

describe('themes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    document.documentElement.style.removeProperty('--roster-color-scheme');
  });

  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme}`, () => {
      it('meets AA contrast for text, states and marks', async () => {
        const { el } = await mountTable({ preset: 'all' }, 'owner');
        el.setAttribute('theme', theme);
        for (const pair of TEXT_PAIRS) expectContrast(el, pair, 4.5);
        for (const pair of MARK_PAIRS) expectContrast(el, pair, 3);
        expect(await hoverContrast(el, 'primary'), 'hovered primary').to.be.at.least(4.5);
        expect(await hoverContrast(el, 'danger'), 'hovered danger').to.be.at.least(4.5);
      });

      it('derives contrast-safe text, hover, focus and ink from any brand colour', async () => {
        const { el } = await mountTable({ preset: 'all' }, 'owner');
        el.setAttribute('theme', theme);
        for (const brand of BRANDS) {
          el.style.setProperty('--roster-color-brand', brand);
          const what = `brand ${brand}: `;
          expect(token(el, 'accent'), what).to.equal(painted(brand));
          expectContrast(el, ['accent-text', 'accent'], 4.5, what);
          expectContrast(el, ['focus', 'surface'], 3, what);
          expectContrast(el, ['ink', 'surface'], 3, what);
          expect(await hoverContrast(el, 'primary'), `${what}hovered`).to.be.at.least(4.5);
        }
      });

      it('is axe clean', async () => {
        const { el } = await mountTable({ preset: 'all' }, 'owner');
        el.setAttribute('theme', theme);
        await settled(el);
        await expect(el).to.be.accessible();
      });
    });
  }

  it('follows prefers-color-scheme, and the attribute or the token fixes a scheme', async () => {
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    const surface = () => token(el, 'surface');
    const light = surface();
    expect(light).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    const dark = surface();
    expect(dark).to.not.equal(light);
    el.setAttribute('theme', 'light');
    expect(surface(), 'theme="light" on a dark system').to.equal(light);
    el.removeAttribute('theme');
    document.documentElement.style.setProperty('--roster-color-scheme', 'light');
    expect(surface(), '--roster-color-scheme: light on a dark system').to.equal(light);
    await emulateMedia({ colorScheme: 'light' });
    document.documentElement.style.setProperty('--roster-color-scheme', 'dark');
    expect(surface(), '--roster-color-scheme: dark').to.equal(dark);
  });

  it('a host token still wins over the derived colour', async () => {
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    el.style.setProperty('--roster-color-brand', '#7c3aed');
    el.style.setProperty('--roster-color-accent-text', '#fefefe');
    el.style.setProperty('--roster-color-focus', '#ff0000');
    expect(token(el, 'accent-text')).to.equal('rgb(254, 254, 254)');
    expect(token(el, 'focus')).to.equal('rgb(255, 0, 0)');
  });
});

describe('density', () => {
  it('compact shortens rows, and the windowing measures the new height', async () => {
    const { el, store } = await mountTable({ preset: 'all' }, 'owner');
    const height = () => $$(el, '[role="row"][data-id]')[0]!.getBoundingClientRect().height;
    const comfortable = height();
    el.setAttribute('density', 'compact');
    // The window measures the new height when the body resizes.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    expect(height()).to.be.below(comfortable * 0.8);
    expect($(el, '[part="header-row"]')).to.not.equal(null);
    // The windowing uses the new height: the body is as tall as all rows, the rendered ones fill the view.
    const rendered = $$(el, '[role="row"][data-id]').length;
    const rows = $(el, '.body')!.getBoundingClientRect().height / height();
    expect(rows).to.be.within(store.$rows.get().length, store.$rows.get().length + 1);
    expect(rendered * height()).to.be.at.least($(el, '[role="grid"]')!.clientHeight);
    await expect(el).to.be.accessible();
  });
});
