/**
 * A host page's own styles neither leak into Roster nor break it: the table and an open
 * dialog look the same (size, type, colour, spacing of every part) on a page with an
 * aggressive global stylesheet (resets, typography on body, restyled native controls,
 * `[hidden]` forced visible) as on a blank one; and Roster's styles do not leak out.
 */
import { expect } from '@open-wc/testing';
import { addEmails, openInvite } from './invite-dialog/helpers.js';
import { mountTable } from './users-table/helpers.js';

const AGGRESSIVE = `
  *, *::before, *::after { box-sizing: content-box; margin: 0; padding: 0; }
  html { font-size: 16px; }
  body {
    font: italic 700 20px/3 Georgia, serif; color: #c00; background: #ff0;
    letter-spacing: 3px; word-spacing: 6px; text-transform: uppercase; text-align: center;
    text-indent: 2em; text-shadow: 1px 1px #0f0; white-space: pre; cursor: wait;
  }
  div, span, button, input, select, label, ul, li, dialog, table, td, th {
    all: unset; display: block; background: #0ff; border: 4px solid #f0f; padding: 12px;
  }
  button:hover, button:focus { background: #000; color: #fff; }
  [hidden] { display: block !important; }
  [part], .button, .row, .base { color: #00f !important; font-size: 40px !important; }
  *:focus { outline: none !important; }
`;

/** The properties compared on every part. */
const PROPERTIES = [
  'width',
  'height',
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'text-indent',
  'text-shadow',
  'white-space',
  'padding-top',
  'padding-inline-start',
  'margin-top',
  'border-top-width',
  'display',
  'cursor',
] as const;

/** Every element with a part in `root` (and in the shadow roots beneath it), by its part. */
function snapshot(root: ShadowRoot): Record<string, Record<string, string>> {
  const seen: Record<string, Record<string, string>> = {};
  const walk = (scope: ShadowRoot) => {
    for (const node of scope.querySelectorAll<HTMLElement>('*')) {
      const part = node.getAttribute('part');
      if (part && !(part in seen)) {
        const style = getComputedStyle(node);
        seen[part] = Object.fromEntries(
          PROPERTIES.map((name) => [name, style.getPropertyValue(name)]),
        );
      }
      if (node.shadowRoot) walk(node.shadowRoot);
    }
  };
  walk(root);
  return seen;
}

/** The shadow root `look` gives, its host as wide on either page (the page's layout aside). */
async function sized(look: () => Promise<ShadowRoot>): Promise<ShadowRoot> {
  const root = await look();
  (root.host as HTMLElement).style.inlineSize = '760px';
  await new Promise(requestAnimationFrame);
  return root;
}

/** Runs `look` on a blank page and on one with {@link AGGRESSIVE}, and compares. */
async function compare(look: () => Promise<ShadowRoot>) {
  const blank = snapshot(await sized(look));
  const sheet = document.createElement('style');
  sheet.textContent = AGGRESSIVE;
  document.head.append(sheet);
  try {
    const styled = snapshot(await sized(look));
    expect(Object.keys(blank).length, 'parts compared').to.be.at.least(10);
    for (const [part, style] of Object.entries(blank))
      expect(styled[part], `part "${part}"`).to.deep.equal(style);
  } finally {
    sheet.remove();
  }
}

describe('isolation from the host page', () => {
  it('the table looks the same on a page with an aggressive global stylesheet', async () => {
    await compare(async () => (await mountTable({ preset: 'all' }, 'owner')).el.shadowRoot!);
  });

  it('an open invite dialog looks the same there too', async () => {
    await compare(async () => {
      const { el } = await openInvite();
      await addEmails(el, 'ana@example.com', 'not-an-email');
      return el.shadowRoot!;
    });
  });

  it("leaks nothing out: the page's own controls keep their look beside Roster's", async () => {
    const outside = document.createElement('button');
    outside.textContent = 'Host button';
    document.body.append(outside);
    const look = () => {
      const style = getComputedStyle(outside);
      return PROPERTIES.map((name) => style.getPropertyValue(name));
    };
    const alone = look();
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    el.after(outside);
    expect(look()).to.deep.equal(alone);
    outside.remove();
  });
});
