/**
 * The user avatar: initials on a colour derived from the user id, the picture on top when
 * there is one, and an optional presence dot. Stateless (a template, not an element), so it
 * survives row recycling in a windowed table.
 */
import { msg } from '@lit/localize';
import { visuallyHidden } from '../../styles/controls.js';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { User } from '../../api/types.js';

/**
 * Invisible and bidi-control characters, stripped from initials. Joiners (U+200C, U+200D) are
 * kept inside words, where emoji sequences need them, and dropped only at a word's start.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g;
const LEADING_JOINERS = /^[\u200C\u200D]+/;

let segmenter: Intl.Segmenter | undefined;

/** The first user-perceived character (grapheme) of `word`, so emoji and accents stay whole. */
function firstGrapheme(word: string): string {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(word)) return segment;
  return '';
}

/**
 * Up to two initials: the first grapheme of the name's first two words, else the first of the
 * email's local part, else `?`. Invisible and bidi-control characters are ignored.
 */
export function initialsOf(user: Pick<User, 'name' | 'email'>): string {
  const words = (user.name ?? '')
    .replace(INVISIBLE, '')
    .split(/\s+/)
    .map((word) => word.replace(LEADING_JOINERS, ''))
    .filter(Boolean);
  const fromName = words.slice(0, 2).map(firstGrapheme).join('');
  if (fromName) return fromName.toLocaleUpperCase();
  const local = (user.email ?? '').replace(INVISIBLE, '').trim().replace(LEADING_JOINERS, '');
  return (firstGrapheme(local) || '?').toLocaleUpperCase();
}

/** One of the 8 avatar tones, stable for a user id (FNV-1a hash). */
export function toneOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % 8;
}

const showImage = (event: Event) => ((event.currentTarget as HTMLImageElement).hidden = false);
const hideImage = (event: Event) => ((event.currentTarget as HTMLImageElement).hidden = true);

/**
 * `url` as the <img> may load it: resolved against the page (after the URL parser's own trim
 * of spaces and control characters; a relative URL takes the page's own scheme), and only when
 * it is `http:`, `https:` or `data:image/…` (an SVG in an <img> runs no script). Anything else
 * (`javascript:`, `data:text/html`, `blob:`, `file:`, malformed) gives undefined: no request.
 */
export function avatarSrc(url: string | null | undefined): string | undefined {
  try {
    const { href } = new URL(url!, document.baseURI);
    return url && /^(https?:|data:image\/)/i.test(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders a user's avatar. The initials are always rendered underneath; the picture (when
 * `avatarUrl` is an allowed one, see {@link avatarSrc}) covers them once loaded and hides
 * itself if it fails, so a broken image never shows. Both are decorative (`alt=""`, initials `aria-hidden`): callers show the name
 * beside the avatar.
 *
 * With `presence`, a dot shows whether the user is online. It carries its own visually hidden
 * "Online"/"Offline" text, so the caller need not announce presence itself.
 *
 * Parts: `avatar`, `avatar-image`, `avatar-initials`, `presence` (with `data-online`).
 * Include {@link avatarStyles} in the host's styles.
 */
export function renderAvatar(
  user: Pick<User, 'id' | 'name' | 'email' | 'avatarUrl' | 'online'>,
  options: { presence?: boolean } = {},
): TemplateResult {
  const src = avatarSrc(user.avatarUrl);
  return html`<span part="avatar" class="avatar-box" data-tone=${toneOf(user.id)}
    ><span part="avatar-initials" class="avatar-initials" aria-hidden="true"
      >${initialsOf(user)}</span
    >${
      src
        ? html`<img
            part="avatar-image"
            class="avatar-image"
            src=${src}
            alt=""
            loading="lazy"
            referrerpolicy="no-referrer"
            @load=${showImage}
            @error=${hideImage}
          />`
        : nothing
    }${
      options.presence
        ? html`<span
            part="presence"
            class="avatar-presence"
            data-online=${user.online ? 'true' : 'false'}
            ><span class="avatar-presence-text"
              >${user.online ? msg('Online') : msg('Offline')}</span
            ></span
          >`
        : nothing
    }</span
  >`;
}

/**
 * Styles of {@link renderAvatar}. Themeable with `--roster-avatar-tone-0` … `-7` (backgrounds,
 * each AA 4.5:1 with the default white text) and `--roster-avatar-text`; size from
 * `--roster-avatar-size`. The presence dot is ringed in `--roster-avatar-text` and filled with
 * `--roster-color-online` (online) or hollow with a line of `--roster-color-offline` (offline):
 * both pair with the ring (3:1), not with the page, so a dark palette keeps them.
 */
export const avatarStyles = css`
  .avatar-box {
    position: relative;
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_r-avatar-size);
    block-size: var(--_r-avatar-size);
    border-radius: 50%;
    background: var(--_r-avatar-tone, var(--roster-avatar-tone-0, #1f5fd1));
    color: var(--roster-avatar-text, #ffffff);
    font-size: calc(var(--_r-avatar-size) * 0.4);
    font-weight: 600;
    line-height: 1;
    vertical-align: middle;
  }
  [data-tone='1'] {
    --_r-avatar-tone: var(--roster-avatar-tone-1, #b42318);
  }
  [data-tone='2'] {
    --_r-avatar-tone: var(--roster-avatar-tone-2, #1a7f37);
  }
  [data-tone='3'] {
    --_r-avatar-tone: var(--roster-avatar-tone-3, #8a5a00);
  }
  [data-tone='4'] {
    --_r-avatar-tone: var(--roster-avatar-tone-4, #6f42c1);
  }
  [data-tone='5'] {
    --_r-avatar-tone: var(--roster-avatar-tone-5, #0b7285);
  }
  [data-tone='6'] {
    --_r-avatar-tone: var(--roster-avatar-tone-6, #a61e4d);
  }
  [data-tone='7'] {
    --_r-avatar-tone: var(--roster-avatar-tone-7, #495057);
  }
  .avatar-initials {
    overflow: hidden;
    max-inline-size: 100%;
    white-space: nowrap;
    unicode-bidi: isolate;
  }
  .avatar-image {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    border-radius: inherit;
    object-fit: cover;
  }
  /* Kept in layout (not display: none) so a recycled row's lazy image still loads its new src. */
  .avatar-image[hidden] {
    display: block;
    visibility: hidden;
  }
  /* A ring in the avatar's text colour (currentColor), which every tone is AA with, parts the
     dot from any tone on a light page or a dark one; online is a filled dot, offline a hollow
     one: told apart by shape too. */
  .avatar-presence {
    position: absolute;
    inset-block-end: 0;
    inset-inline-end: 0;
    box-sizing: border-box;
    inline-size: max(0.875rem, 42%);
    block-size: max(0.875rem, 42%);
    border: 2px solid;
    border-radius: 50%;
    background: currentColor;
    box-shadow: inset 0 0 0 2px var(--roster-color-offline, #57606a);
  }
  .avatar-presence[data-online='true'] {
    background: var(--_r-online);
    box-shadow: none;
  }
  .avatar-presence-text {
    ${visuallyHidden}
  }
`;
