import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  $now,
  CLOCK_INTERVAL_MS,
  formatExact,
  formatRelative,
  renderRelativeTime,
} from '../../../src/elements/parts/clock.js';
import { hostileStrings, pwned } from '../hostile.js';
import { hasPart, part, renderPart } from './part-host.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelative', () => {
  it('says how long ago, or how far ahead, in words', () => {
    expect(formatRelative(ago(10_000), NOW)).to.equal('just now');
    expect(formatRelative(ago(-10_000), NOW)).to.equal('just now');
    expect(formatRelative(ago(2 * MIN), NOW)).to.equal('2 minutes ago');
    expect(formatRelative(ago(3 * HOUR), NOW)).to.equal('3 hours ago');
    expect(formatRelative(ago(DAY), NOW)).to.equal('yesterday');
    expect(formatRelative(ago(-3 * DAY), NOW)).to.equal('in 3 days');
    expect(formatRelative(ago(-DAY), NOW)).to.equal('tomorrow');
    expect(formatRelative(ago(60 * DAY), NOW)).to.equal('2 months ago');
    expect(formatRelative(ago(800 * DAY), NOW)).to.equal('2 years ago');
  });

  it('says "Unknown" for a date it cannot read', () => {
    expect(formatRelative('not a date', NOW)).to.equal('Unknown');
    expect(formatExact('not a date')).to.equal('Unknown');
  });

  it('formats the exact date and time in the locale', () => {
    const iso = ago(3 * HOUR);
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(formatExact(iso)).to.equal(expected.format(Date.parse(iso)));
  });
});

describe('renderRelativeTime', () => {
  it('renders a <time> with the relative text, the exact time in the title and for screen readers', async () => {
    const iso = ago(3 * HOUR);
    const host = await renderPart(renderRelativeTime(iso, NOW));
    const time = part(host, 'time');
    expect(time.localName).to.equal('time');
    expect(time.getAttribute('datetime')).to.equal(iso);
    expect(time.title).to.equal(formatExact(iso));
    // No tab stop of its own (a grid around it keeps its one).
    expect(time.tabIndex).to.equal(-1);
    expect(time.hasAttribute('tabindex')).to.be.false;
    expect(time.textContent).to.equal(`3 hours ago (${formatExact(iso)})`);
    expect(time.querySelector('span')!.getBoundingClientRect().width).to.be.at.most(1);
    await expect(host).to.be.accessible();
  });

  it('shows the exact time while what holds it has the keyboard focus', async () => {
    const iso = ago(2 * MIN);
    const host = await renderPart(
      html`<span tabindex="0" class="holder">${renderRelativeTime(iso, NOW)}</span>`,
    );
    const time = part(host, 'time');
    expect(getComputedStyle(time, '::after').content).to.equal('none');
    await sendKeys({ press: 'Tab' });
    expect(host.shadowRoot!.activeElement).to.equal(host.shadowRoot!.querySelector('.holder'));
    const content = getComputedStyle(time, '::after').content;
    expect(content).to.not.equal('none');
    expect(content).to.contain(formatExact(iso));
  });

  it('says "Never" for null', async () => {
    const host = await renderPart(renderRelativeTime(null, NOW));
    expect(part(host, 'time').textContent).to.equal('Never');
    expect(part(host, 'time').hasAttribute('datetime')).to.be.false;
    await expect(host).to.be.accessible();
  });

  it('says "Active now" for null when the user is online (no time of activity sent)', async () => {
    const host = await renderPart(renderRelativeTime(null, NOW, true));
    expect(part(host, 'time').textContent).to.equal('Active now');
    expect(part(host, 'time').localName).to.equal('span');
    // An online user with a time keeps it; a date it cannot read stays unknown.
    const known = await renderPart(renderRelativeTime(ago(2 * HOUR), NOW, true));
    expect(part(known, 'time').textContent).to.contain('2 hours ago');
    const odd = await renderPart(renderRelativeTime('yesterday', NOW, true));
    expect(part(odd, 'time').textContent).to.equal('Unknown');
    await expect(host).to.be.accessible();
  });

  it('renders hostile dates as inert text', async () => {
    for (const value of Object.values(hostileStrings)) {
      const host = await renderPart(renderRelativeTime(value, NOW));
      expect(part(host, 'time').textContent).to.equal('Unknown');
      expect(hasPart(host, 'avatar')).to.be.false;
      expect(host.shadowRoot!.querySelectorAll('img, script, b')).to.have.length(0);
    }
    expect(pwned()).to.be.false;
  });
});

describe('$now', () => {
  it('ticks every 30 s only while it has listeners', async () => {
    const started: { id: number; callback: () => void; ms: number | undefined }[] = [];
    const cleared: unknown[] = [];
    const { setInterval: realSet, clearInterval: realClear } = window;
    window.setInterval = ((callback: () => void, ms?: number) => {
      const id = realSet(() => {}, 1e9);
      started.push({ id, callback, ms });
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      cleared.push(id);
      realClear(id);
    }) as typeof window.clearInterval;
    try {
      expect(started).to.have.length(0, 'no timer without listeners');
      $now.set(0);
      const seen: number[] = [];
      const unlisten = $now.listen((value) => seen.push(value));
      expect(started).to.have.length(1);
      expect(started[0]!.ms).to.equal(CLOCK_INTERVAL_MS);
      expect($now.get()).to.be.closeTo(Date.now(), 1000, 'refreshed on mount');
      const before = $now.get();
      await new Promise((r) => setTimeout(r, 5)); // so the tick's Date.now() differs
      started[0]!.callback();
      expect(seen.at(-1)).to.be.greaterThan(before, 'a tick updates listeners');
      unlisten();
      await new Promise((r) => setTimeout(r, 1100)); // nanostores unmounts after 1 s
      expect(cleared).to.deep.equal([started[0]!.id]);
      expect(started).to.have.length(1);
    } finally {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    }
  });
});
