import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { RosterDialog, deepActiveElement } from '../../src/elements/parts/dialog.js';
import { contrast, hsl } from './parts/contrast.js';

type Outcome = { status: 'done' | 'cancelled' };

/** The smallest dialog on the shared shell: one field, a Done button. */
class TestDialog extends RosterDialog<Outcome> {
  resets = 0;
  protected cancelOutcome(): Outcome {
    return { status: 'cancelled' };
  }
  protected reset(): void {
    this.resets++;
  }
  protected renderHeading() {
    return 'Test dialog';
  }
  protected renderBody() {
    return html`<label>Name <input class="input" /></label>`;
  }
  /** Shows the shell's Cancel button before Done. */
  footerCancel = false;
  protected renderFooter() {
    return html`${this.footerCancel ? this.renderCancel() : ''}<button
        class="button"
        @click=${() => this.close({ status: 'done' })}
      >
        Done
      </button>`;
  }
  /** Holds the dialog busy until the returned function is called. */
  holdBusy(): () => void {
    let release!: () => void;
    void this.whileBusy(() => new Promise<void>((resolve) => (release = resolve)));
    return release;
  }
}
customElements.define('test-roster-dialog', TestDialog);

async function setup() {
  const root = await fixture<HTMLDivElement>(html`
    <div><button id="opener">Open</button><test-roster-dialog></test-roster-dialog></div>
  `);
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  const dialog = root.querySelector<TestDialog>('test-roster-dialog')!;
  opener.focus();
  return { opener, dialog };
}

/** Opens the dialog and waits until it shows; the outcome comes wrapped (awaiting it would wait for the close). */
async function opened(dialog: TestDialog): Promise<{ outcome: Promise<Outcome> }> {
  const outcome = dialog.show();
  await dialog.updateComplete;
  await nextFrame();
  return { outcome };
}

describe('RosterDialog (the shared dialog shell)', () => {
  it('opens modally, labelled by its heading, focusing the first field', async () => {
    const { dialog } = await setup();
    void (await opened(dialog));
    const native = dialog.shadowRoot!.querySelector('dialog')!;
    expect(native.open).to.equal(true);
    expect(native.matches(':modal')).to.equal(true);
    expect(native.getAttribute('aria-labelledby')).to.equal('heading');
    expect(deepActiveElement()?.tagName).to.equal('INPUT');
    expect(dialog.open).to.equal(true);
    await expect(dialog).to.be.accessible();
  });

  it('resolves show() with the outcome and returns the focus to the opener', async () => {
    const { opener, dialog } = await setup();
    const { outcome } = await opened(dialog);
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('.footer button')!.click();
    expect(await outcome).to.deep.equal({ status: 'done' });
    expect(dialog.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('cancels on Escape, and resets before each opening', async () => {
    const { dialog } = await setup();
    const { outcome } = await opened(dialog);
    await sendKeys({ press: 'Escape' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
    void (await opened(dialog));
    expect(dialog.resets).to.equal(2);
  });

  it('ignores Escape and disables closing while busy', async () => {
    const { dialog } = await setup();
    const { outcome } = await opened(dialog);
    const release = dialog.holdBusy();
    await dialog.updateComplete;
    const close = dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!;
    expect(close.disabled).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).to.equal(true);
    release();
    await dialog.updateComplete;
    await sendKeys({ press: 'Escape' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
  });

  it('returns the same pending outcome when shown twice, and cancels when removed', async () => {
    const { dialog } = await setup();
    const { outcome: first } = await opened(dialog);
    expect(dialog.show()).to.equal(first);
    dialog.remove();
    expect(await first).to.deep.equal({ status: 'cancelled' });
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { dialog } = await setup();
    void (await opened(dialog));
    const done = dialog.shadowRoot!.querySelector<HTMLButtonElement>('.footer button')!;
    done.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement()?.getAttribute('part')).to.equal('close-button');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActiveElement()).to.equal(done);
  });

  it('keeps text in its own direction but aligned as the page reads (RTL)', async () => {
    const { dialog } = await setup();
    dialog.parentElement!.dir = 'rtl';
    void (await opened(dialog));
    const heading = dialog.shadowRoot!.querySelector('[part="heading"]')!;
    // "Revoke Ana's access?" must not read "?Revoke Ana's access" in an RTL page.
    expect(getComputedStyle(heading).unicodeBidi).to.equal('plaintext');
    expect(getComputedStyle(heading).textAlign).to.equal('right');
    dialog.parentElement!.dir = 'ltr';
    expect(getComputedStyle(heading).textAlign).to.equal('left');
  });

  it('fits the viewport beside a scrollbar (no 100vw overflow)', async () => {
    const { dialog } = await setup();
    const tall = document.createElement('div');
    tall.style.blockSize = '300vh';
    document.body.append(tall);
    try {
      void (await opened(dialog));
      const box = dialog.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
      expect(box.right).to.be.at.most(document.documentElement.clientWidth);
      expect(box.left).to.be.at.least(0);
    } finally {
      tall.remove();
    }
  });

  it('gives every dialog the same Cancel button, closing with the cancel outcome', async () => {
    const { dialog } = await setup();
    const { outcome } = await opened(dialog);
    dialog.footerCancel = true;
    dialog.requestUpdate();
    await dialog.updateComplete;
    const cancel = dialog.shadowRoot!.querySelector<HTMLButtonElement>('[part="cancel-button"]')!;
    expect(cancel.textContent!.trim()).to.equal('Cancel');
    expect(cancel.type).to.equal('button');
    cancel.click();
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
  });

  it('keeps a hovered primary button (also when busy) in its own hue, readable', async () => {
    const { dialog } = await setup();
    void (await opened(dialog));
    const done = dialog.shadowRoot!.querySelector<HTMLButtonElement>('.footer button')!;
    const settled = () => new Promise((resolve) => setTimeout(resolve, 300)); // past transitions
    done.classList.add('primary');
    await settled();
    const accent = getComputedStyle(done).backgroundColor;
    const box = done.getBoundingClientRect();
    const centre: [number, number] = [
      Math.round(box.x + box.width / 2),
      Math.round(box.y + box.height / 2),
    ];
    await sendMouse({ type: 'move', position: centre });
    await settled();
    expect(done.matches(':hover')).to.be.true;
    // A shade of the accent (away from its text), not a grey, and still AA with its text.
    const hovered = getComputedStyle(done);
    expect(hovered.backgroundColor).to.not.equal(accent);
    expect(hsl(hovered.backgroundColor).hue).to.be.closeTo(hsl(accent).hue, 8);
    expect(hsl(hovered.backgroundColor).saturation).to.be.at.least(0.5);
    expect(contrast(hovered.color, hovered.backgroundColor)).to.be.at.least(4.5);
    done.setAttribute('aria-disabled', 'true');
    expect(getComputedStyle(done).opacity).to.equal('0.8');
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('names its close button', async () => {
    const { dialog } = await setup();
    void (await opened(dialog));
    const close = dialog.shadowRoot!.querySelector('[part="close-button"]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
  });
});
