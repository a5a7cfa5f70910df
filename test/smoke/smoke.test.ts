import { expect, fixture, html } from '@open-wc/testing';
import { atom } from 'nanostores';
import ky from 'ky';
describe('smoke', () => {
  it('renders', async () => {
    const el = await fixture(html`<p>hi</p>`);
    expect(el.textContent).to.equal('hi');
    expect(atom(1).get()).to.equal(1);
    expect(typeof ky).to.equal('function');
  });
});
