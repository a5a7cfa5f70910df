import { expect } from '@open-wc/testing';
import { renderSeatMeter } from '../../../src/elements/parts/seat-meter.js';
import { applyTokens, contrast, hsl, palettes, parseColor, tokenColor } from './contrast.js';
import { hasPart, part, renderPart } from './part-host.js';

describe('renderSeatMeter', () => {
  it('shows used of limit with a bar', async () => {
    const host = await renderPart(renderSeatMeter({ used: 5, limit: 20 }));
    expect(part(host, 'seat-meter-label').textContent).to.equal('5 of 20 seats');
    const bar = part<HTMLMeterElement>(host, 'seat-meter-bar');
    expect([bar.min, bar.max, bar.value]).to.deep.equal([0, 20, 5]);
    expect(bar.getAttribute('style')).to.be.null;
    const root = part(host, 'seat-meter');
    expect(root.hasAttribute('data-near')).to.be.false;
    expect(root.hasAttribute('data-full')).to.be.false;
    await expect(host).to.be.accessible();
  });

  it('marks the meter near the limit', async () => {
    const host = await renderPart(renderSeatMeter({ used: 18, limit: 20 }));
    expect(part(host, 'seat-meter-label').textContent).to.equal('18 of 20 seats');
    expect(part(host, 'seat-meter').hasAttribute('data-near')).to.be.true;
    expect(part(host, 'seat-meter').hasAttribute('data-full')).to.be.false;
  });

  it('marks the meter full at and over the limit', async () => {
    const host = await renderPart(renderSeatMeter({ used: 20, limit: 20 }));
    expect(part(host, 'seat-meter').hasAttribute('data-full')).to.be.true;
    expect(part(host, 'seat-meter').hasAttribute('data-near')).to.be.false;
    expect(getComputedStyle(part(host, 'seat-meter')).color).to.equal('rgb(180, 35, 24)');
    await expect(host).to.be.accessible();

    const over = await renderPart(renderSeatMeter({ used: 1234, limit: 1000 }));
    expect(part(over, 'seat-meter-label').textContent).to.equal('1,234 of 1,000 seats');
    expect(part(over, 'seat-meter').hasAttribute('data-full')).to.be.true;
    expect(part<HTMLMeterElement>(over, 'seat-meter-bar').value).to.equal(1000);

    const none = await renderPart(renderSeatMeter({ used: 0, limit: 0 }));
    expect(part(none, 'seat-meter-label').textContent).to.equal('0 of 0 seats');
    expect(part(none, 'seat-meter').hasAttribute('data-full')).to.be.true;
  });

  it('says there is no limit, without a bar', async () => {
    const host = await renderPart(renderSeatMeter({ used: 18, limit: null }));
    expect(part(host, 'seat-meter-label').textContent).to.equal('18 seats · no limit');
    expect(hasPart(host, 'seat-meter-bar')).to.be.false;
    expect(part(host, 'seat-meter').hasAttribute('data-full')).to.be.false;
    const one = await renderPart(renderSeatMeter({ used: 1, limit: null }));
    expect(part(one, 'seat-meter-label').textContent).to.equal('1 seat · no limit');
    await expect(host).to.be.accessible();
  });
});

describe('renderSeatMeter look', () => {
  it('writes its label at the normal size in the text colour, AA on the surface', async () => {
    const host = await renderPart(renderSeatMeter({ used: 5, limit: 20 }));
    const label = getComputedStyle(part(host, 'seat-meter-label'));
    expect(label.fontSize).to.equal(getComputedStyle(host).fontSize);
    const surface = tokenColor(host, 'surface');
    expect(contrast(label.color, surface)).to.be.at.least(4.5);
    expect(parseColor(label.color)).to.deep.equal(parseColor(tokenColor(host, 'text')));
  });

  it('fills its bar with a clear warning colour near the limit, 3:1 on the track, AA as text', async () => {
    const fill = (root: HTMLElement) => tokenColor(root, 'seat-fill');
    const near = await renderPart(renderSeatMeter({ used: 18, limit: 20 }));
    const ok = await renderPart(renderSeatMeter({ used: 5, limit: 20 }));
    const full = await renderPart(renderSeatMeter({ used: 20, limit: 20 }));
    const track = getComputedStyle(part(near, 'seat-meter-bar')).backgroundColor;
    const surface = tokenColor(near, 'surface');
    const warning = fill(part(near, 'seat-meter'));
    expect(parseColor(warning)).to.deep.equal(parseColor(tokenColor(near, 'warning')));
    for (const host of [ok, near, full])
      expect(contrast(fill(part(host, 'seat-meter')), track)).to.be.at.least(3);
    expect(contrast(warning, surface), 'the warning colour as text').to.be.at.least(4.5);
    // Clear, not muddy: a saturated orange, not a dark brown, apart from accent and danger.
    const { hue, saturation, lightness } = hsl(warning);
    expect(saturation).to.be.at.least(0.85);
    expect(hue).to.be.within(18, 45);
    expect(lightness).to.be.at.least(0.33);
    expect(
      new Set([fill(part(ok, 'seat-meter')), warning, fill(part(full, 'seat-meter'))]).size,
    ).to.equal(3);
  });

  // The rule: the label is AA (4.5:1) on the surface and the bar's fill 3:1 on its track, in
  // every state; the track is drawn from the text and surface colours, so any fill that is AA
  // on the surface stays 3:1 on it, whatever the host's palette.
  for (const [theme, tokens] of palettes) {
    it(`keeps its label AA on the surface and its bar 3:1 on the track (${theme})`, async () => {
      for (const seats of [
        { used: 5, limit: 20 },
        { used: 18, limit: 20 },
        { used: 20, limit: 20 },
        { used: 18, limit: null },
      ]) {
        const host = await renderPart(renderSeatMeter(seats));
        applyTokens(host, tokens);
        const what = `${theme}, ${seats.used} of ${seats.limit}`;
        const surface = tokenColor(host, 'surface');
        const label = getComputedStyle(part(host, 'seat-meter-label')).color;
        expect(contrast(label, surface), `${what}: the label`).to.be.at.least(4.5);
        if (seats.limit === null) continue;
        const root = part(host, 'seat-meter');
        const fill = tokenColor(root, 'seat-fill');
        const track = getComputedStyle(part(host, 'seat-meter-bar')).backgroundColor;
        expect(contrast(fill, track), `${what}: the bar (${fill} on ${track})`).to.be.at.least(3);
      }
    });
  }
});
