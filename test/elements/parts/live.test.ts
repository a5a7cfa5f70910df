import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { live } from '../../../src/elements/parts/live.js';

describe('live', () => {
  it('sets a property again when the element changed it, even to the value bound last time', async () => {
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    const show = (text: string, on: boolean) =>
      render(
        html`<input .value=${live(text)} /><input type="checkbox" .checked=${live(on)} />`,
        box,
      );
    show('ana', true);
    const [input, checkbox] = box.querySelectorAll('input');
    expect([input!.value, checkbox!.checked]).to.deep.equal(['ana', true]);
    // The person types and unticks; the next render binds the same values.
    input!.value = 'anab';
    checkbox!.checked = false;
    show('ana', true);
    expect([input!.value, checkbox!.checked]).to.deep.equal(['ana', true]);
    show('bo', false);
    expect([input!.value, checkbox!.checked]).to.deep.equal(['bo', false]);
  });

  it('leaves a property alone when it already holds the value', async () => {
    const box = await fixture<HTMLDivElement>(html`<div></div>`);
    const show = (text: string) => render(html`<input .value=${live(text)} />`, box);
    show('ana');
    const input = box.querySelector('input')!;
    input.focus();
    input.setSelectionRange(1, 1);
    show('ana');
    // Setting the same value would move the caret to the end.
    expect(input.selectionStart).to.equal(1);
  });
});
