import { expect } from '@open-wc/testing';
import { renderStatus } from '../../../src/elements/parts/status-badge.js';
import { hostileStrings, pwned } from '../hostile.js';
import { hasPart, part, renderPart } from './part-host.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const inDays = (days: number) => new Date(NOW + days * DAY).toISOString();

describe('renderStatus', () => {
  it('shows Active in the success colour', async () => {
    const host = await renderPart(renderStatus({ status: 'active', inviteExpiresAt: null }, NOW));
    const badge = part(host, 'status');
    expect(badge.dataset['status']).to.equal('active');
    expect(badge.textContent!.trim()).to.equal('Active');
    expect(getComputedStyle(badge).color).to.equal('rgb(26, 127, 55)');
    expect(hasPart(host, 'status-detail')).to.be.false;
    await expect(host).to.be.accessible();
  });

  it('shows Suspended, muted', async () => {
    const host = await renderPart(
      renderStatus({ status: 'suspended', inviteExpiresAt: inDays(3) }, NOW),
    );
    const badge = part(host, 'status');
    expect(badge.dataset['status']).to.equal('suspended');
    expect(badge.textContent!.trim()).to.equal('Suspended');
    expect(getComputedStyle(badge).color).to.equal('rgb(87, 96, 106)');
  });

  it('shows a pending invitation with when it expires', async () => {
    const host = await renderPart(
      renderStatus({ status: 'invited', inviteExpiresAt: inDays(3) }, NOW),
    );
    const badge = part(host, 'status');
    expect(badge.dataset['status']).to.equal('invited');
    expect(badge.hasAttribute('data-expired')).to.be.false;
    expect(badge.querySelector('.status-label')!.textContent).to.equal('Pending');
    expect(part(host, 'status-detail').textContent).to.equal('expires in 3 days');
    expect(badge.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Pending expires in 3 days');
    await expect(host).to.be.accessible();
  });

  it('says when an invitation has expired', async () => {
    const host = await renderPart(
      renderStatus({ status: 'invited', inviteExpiresAt: inDays(-1) }, NOW),
    );
    expect(part(host, 'status').hasAttribute('data-expired')).to.be.true;
    expect(part(host, 'status-detail').textContent).to.equal('Invitation expired');
    expect(getComputedStyle(part(host, 'status-detail')).color).to.equal('rgb(180, 35, 24)');
    await expect(host).to.be.accessible();
  });

  it('shows only Pending without an expiry date', async () => {
    const host = await renderPart(renderStatus({ status: 'invited', inviteExpiresAt: null }, NOW));
    expect(part(host, 'status').textContent!.trim()).to.equal('Pending');
    expect(hasPart(host, 'status-detail')).to.be.false;
  });

  it('ignores hostile expiry dates', async () => {
    for (const value of Object.values(hostileStrings)) {
      const host = await renderPart(
        renderStatus({ status: 'invited', inviteExpiresAt: value }, NOW),
      );
      expect(part(host, 'status').textContent!.trim()).to.equal('Pending');
    }
    expect(pwned()).to.be.false;
  });
});
