import { expect } from '@open-wc/testing';
import { renderSeatMeter } from '../../../src/elements/parts/seat-meter.js';
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
