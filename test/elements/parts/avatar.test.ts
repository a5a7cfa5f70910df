import { expect, oneEvent } from '@open-wc/testing';
import type { User } from '../../../src/api/types.js';
import { initialsOf, renderAvatar, toneOf } from '../../../src/elements/parts/avatar.js';
import { hostileStrings, pwned } from '../hostile.js';
import { applyTokens, contrast, palettes, parseColor } from './contrast.js';
import { hasPart, part, renderPart } from './part-host.js';

type AvatarUser = Pick<User, 'id' | 'name' | 'email' | 'avatarUrl' | 'online'>;
const user = (over: Partial<AvatarUser> = {}): AvatarUser => ({
  id: 'u1',
  name: 'Ana Souza',
  email: 'ana@example.com',
  avatarUrl: null,
  online: false,
  ...over,
});

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const BROKEN = 'data:image/png;base64,bm90IGFuIGltYWdl';

/**
 * The avatar's <img> is lazy; a test page running in a background tab may never see it
 * intersect, so the tests switch it to eager once they have checked the attribute.
 */
function eager(img: HTMLImageElement): HTMLImageElement {
  expect(img.loading).to.equal('lazy');
  img.loading = 'eager';
  return img;
}

describe('renderAvatar', () => {
  it('shows the initials of the first two words of the name', async () => {
    const host = await renderPart(renderAvatar(user({ name: 'ana maria souza' })));
    expect(part(host, 'avatar-initials').textContent).to.equal('AM');
    expect(part(host, 'avatar-initials').getAttribute('aria-hidden')).to.equal('true');
    expect(hasPart(host, 'avatar-image')).to.be.false;
    expect(hasPart(host, 'presence')).to.be.false;
  });

  it('keeps emoji, flags and accented letters whole', () => {
    expect(initialsOf({ name: hostileStrings.emoji, email: 'x@y.z' })).to.equal('👩🏽‍💻Z');
    expect(initialsOf({ name: '🇩🇪 Émile', email: 'x@y.z' })).to.equal('🇩🇪É');
    expect(initialsOf({ name: 'e\u0301tienne', email: 'x@y.z' })).to.equal('E\u0301');
  });

  it('reads right-to-left names and ignores zero-width and bidi controls', () => {
    expect(initialsOf({ name: hostileStrings.rtl, email: 'x@y.z' })).to.equal('مب');
    expect(initialsOf({ name: hostileStrings.zeroWidth, email: 'x@y.z' })).to.equal('A');
    expect(initialsOf({ name: hostileStrings.bidiOverride, email: 'x@y.z' })).to.equal('E');
    expect(initialsOf({ name: '\u200D\u200Bzoe \u2066li\u2069', email: 'x@y.z' })).to.equal('ZL');
  });

  it('falls back to the email, then to a question mark', () => {
    expect(initialsOf({ name: '  \u200B ', email: 'zoe@example.com' })).to.equal('Z');
    expect(initialsOf({ name: '', email: '' })).to.equal('?');
  });

  it('derives a stable tone from the id, mapped to a token colour', async () => {
    expect(toneOf('user-42')).to.equal(toneOf('user-42'));
    const tones = new Set(Array.from({ length: 200 }, (_, i) => toneOf(`user-${i}`)));
    expect(tones.size).to.equal(8);
    const id = Array.from({ length: 50 }, (_, i) => `id${i}`).find((i) => toneOf(i) === 1)!;
    const host = await renderPart(renderAvatar(user({ id })));
    const avatar = part(host, 'avatar');
    expect(avatar.dataset['tone']).to.equal('1');
    expect(avatar.getAttribute('style')).to.be.null;
    expect(getComputedStyle(avatar).backgroundColor).to.equal('rgb(180, 35, 24)');
    expect(getComputedStyle(avatar).color).to.equal('rgb(255, 255, 255)');
    host.style.setProperty('--roster-avatar-tone-1', 'rgb(1, 2, 3)');
    expect(getComputedStyle(avatar).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('shows a picture that loads over the initials', async () => {
    const host = await renderPart(renderAvatar(user({ avatarUrl: PIXEL })));
    const img = eager(part<HTMLImageElement>(host, 'avatar-image'));
    if (!img.complete) await oneEvent(img, 'load');
    await new Promise((r) => setTimeout(r));
    expect(img.hidden).to.be.false;
    expect(img.alt).to.equal('');
    expect(img.referrerPolicy).to.equal('no-referrer');
    expect(part(host, 'avatar-initials').textContent).to.equal('AS');
  });

  it('hides a broken picture so the initials show, and recovers when the row is reused', async () => {
    const host = await renderPart(renderAvatar(user({ avatarUrl: BROKEN })));
    const img = eager(part<HTMLImageElement>(host, 'avatar-image'));
    if (!img.hidden) await oneEvent(img, 'error');
    expect(img.hidden).to.be.true;
    expect(getComputedStyle(img).visibility).to.equal('hidden');
    expect(getComputedStyle(part(host, 'avatar-initials')).visibility).to.equal('visible');

    const missing = `${location.origin}/no-such-avatar-${Date.now()}.png`;
    host.template = renderAvatar(user({ id: 'u2', name: 'Bo Li', avatarUrl: missing }));
    await host.updateComplete;
    expect(part(host, 'avatar-image')).to.equal(img, 'the same <img> is reused');
    await oneEvent(img, 'error');
    expect(img.hidden).to.be.true;

    host.template = renderAvatar(user({ id: 'u3', name: 'Cy Ng', avatarUrl: PIXEL }));
    await host.updateComplete;
    await oneEvent(img, 'load');
    expect(img.hidden).to.be.false;
    expect(part(host, 'avatar-initials').textContent).to.equal('CN');
  });

  it('shows presence with text when asked, the dot at the inline end', async () => {
    const host = await renderPart(renderAvatar(user({ online: true }), { presence: true }));
    const dot = part(host, 'presence');
    expect(dot.dataset['online']).to.equal('true');
    expect(dot.textContent).to.equal('Online');
    const avatar = part(host, 'avatar').getBoundingClientRect();
    expect(dot.getBoundingClientRect().right).to.be.closeTo(avatar.right, 1);
    expect(dot.getBoundingClientRect().bottom).to.be.closeTo(avatar.bottom, 1);
    await expect(host).to.be.accessible();

    host.dir = 'rtl';
    host.template = renderAvatar(user({ online: false }), { presence: true });
    await host.updateComplete;
    expect(dot.dataset['online']).to.equal('false');
    expect(dot.textContent).to.equal('Offline');
    const rtlAvatar = part(host, 'avatar').getBoundingClientRect();
    expect(dot.getBoundingClientRect().left).to.be.closeTo(rtlAvatar.left, 1);
    expect(dot.getBoundingClientRect().right).to.be.lessThan(rtlAvatar.right - 5);
  });

  it('renders hostile names and URLs as inert text', async () => {
    for (const name of Object.values(hostileStrings)) {
      const host = await renderPart(
        renderAvatar(user({ name, email: name, avatarUrl: hostileStrings.attribute })),
      );
      expect(part(host, 'avatar-initials').children).to.have.length(0);
      expect(host.shadowRoot!.querySelectorAll('b, script, img:not([part])')).to.have.length(0);
    }
    expect(
      part(await renderPart(renderAvatar(user({ name: hostileStrings.markup }))), 'avatar-initials')
        .textContent,
    ).to.equal('<S');
    await new Promise((r) => setTimeout(r, 50));
    expect(pwned()).to.be.false;
  });

  it('is accessible', async () => {
    const host = await renderPart(renderAvatar(user({ avatarUrl: BROKEN }), { presence: true }));
    await expect(host).to.be.accessible();
  });
});

describe('renderAvatar presence dot', () => {
  /** A user id of each of the 8 tones. */
  const idOfTone = (tone: number) =>
    Array.from({ length: 500 }, (_, i) => `tone-${i}`).find((id) => toneOf(id) === tone)!;

  // The rule: the dot's outer edge (its ring) is 3:1 against the avatar it sits on, and what
  // says online or offline (the fill, or the hollow dot's inner line) is 3:1 against the ring.
  // The ring is the avatar's text colour, the one every tone is AA with, so it parts the dot
  // from every tone on a light page and a dark one alike.
  for (const [theme, tokens] of palettes) {
    it(`is large, ringed, and contrasts 3:1 with every avatar tone (${theme})`, async () => {
      for (let tone = 0; tone < 8; tone++) {
        for (const online of [true, false]) {
          const host = await renderPart(
            renderAvatar(user({ id: idOfTone(tone), online }), { presence: true }),
          );
          applyTokens(host, tokens);
          const box = getComputedStyle(part(host, 'avatar'));
          const avatar = box.backgroundColor;
          const dot = part(host, 'presence');
          const style = getComputedStyle(dot);
          const ring = style.borderTopColor;
          const what = `${theme}, tone ${tone} (${avatar}), ${online ? 'online' : 'offline'}`;
          expect(parseFloat(style.borderTopWidth)).to.be.at.least(2);
          expect(contrast(ring, avatar), what).to.be.at.least(3);
          const mark = online ? style.backgroundColor : /rgb\([^)]*\)/.exec(style.boxShadow)![0];
          expect(contrast(mark, ring), `${what}: the mark`).to.be.at.least(3);
          expect(dot.getBoundingClientRect().width, what).to.be.at.least(13);
          expect(parseColor(ring), `${what}: the ring is the avatar text`).to.deep.equal(
            parseColor(box.color),
          );
        }
      }
    });
  }

  it('tells online from offline by shape, not only by colour', async () => {
    const [on, off] = await Promise.all(
      [true, false].map((online) => renderPart(renderAvatar(user({ online }), { presence: true }))),
    );
    const onStyle = getComputedStyle(part(on!, 'presence'));
    const offStyle = getComputedStyle(part(off!, 'presence'));
    // Online: a filled dot. Offline: hollow (filled with the ring's colour, a line inside).
    expect(onStyle.boxShadow).to.equal('none');
    expect(onStyle.backgroundColor).to.not.equal(onStyle.borderTopColor);
    expect(offStyle.backgroundColor).to.equal(offStyle.borderTopColor);
    expect(offStyle.boxShadow).to.contain('inset');
    expect(part(on!, 'presence').textContent).to.equal('Online');
    expect(part(off!, 'presence').textContent).to.equal('Offline');
  });
});

describe('avatar URL schemes', () => {
  const refused = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  \u0001\tjavascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'blob:https://example.com/0b2a-11',
    'file:///etc/passwd',
    'ftp://example.com/a.png',
    'http://[::1',
    'https://exa mple.com:99999/a.png',
  ];
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url.slice(0, 40))}: initials, no <img>`, async () => {
      const host = await renderPart(renderAvatar(user({ avatarUrl: url })));
      expect(hasPart(host, 'avatar-image')).to.be.false;
      expect(part(host, 'avatar-initials').textContent).to.equal('AS');
    });
  }

  const svg = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg"/%3E';
  const long = `https://example.com/${'a'.repeat(10 * 1024)}.png`;
  const allowed: [string, string][] = [
    ['https://example.com/a.png', 'https://example.com/a.png'],
    ['  HTTP://example.com/a.png ', 'http://example.com/a.png'],
    [PIXEL, PIXEL],
    [svg, svg],
    ['DATA:IMAGE/png;base64,AAAA', 'data:IMAGE/png;base64,AAAA'],
    [long, long],
    ['/avatars/a.png', new URL('/avatars/a.png', document.baseURI).href],
  ];
  for (const [url, src] of allowed) {
    it(`loads ${JSON.stringify(url.slice(0, 40))}`, async () => {
      const host = await renderPart(renderAvatar(user({ avatarUrl: url })));
      expect(part<HTMLImageElement>(host, 'avatar-image').getAttribute('src')).to.equal(src);
    });
  }
});
