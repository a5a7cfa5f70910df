/**
 * Languages: the locale from the page's `lang`, an element's `locale` attribute or
 * `configure({ locale })`; German and Arabic texts (Arabic's six plural forms, right to left);
 * dates and counts through Intl; a host's own wording; a locale that cannot be used.
 * The order matters: the page's `lang` counts only until a locale is chosen explicitly.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { configure } from '../../src/context/index.js';
import { removeUsers } from '../../src/api/messages.js';
import type { RosterErrorEvent } from '../../src/events.js';
import { formatNumber, getLocale, setLocale } from '../../src/i18n/localization.js';
import { templates as arabic } from '../../src/i18n/locales/ar.js';
import { templates as german } from '../../src/i18n/locales/de.js';
import { renderSeatMeter } from '../../src/elements/parts/seat-meter.js';
import { part, renderPart } from './parts/part-host.js';
import {
  confirmButton,
  open,
  part as dialogPart,
  setup,
  text as dialogText,
} from './revoke-dialog/helpers.js';
import { $, $$, mountTable } from './users-table/helpers.js';
import type { UsersTable } from '../../src/elements/users-table/users-table.js';

/** A locale's text for an English message without values. */
const text = (locale: Record<string, unknown>, english: string) =>
  locale[generateMsgId([english], false)] as string;

const inviteLabel = (el: UsersTable) => $(el, '[part="invite-button"]')!.textContent!.trim();
const headers = (el: UsersTable) =>
  $$(el, '[role="columnheader"] .text').map((cell) => cell.textContent!.trim());

async function shows(el: UsersTable, label: string) {
  await waitUntil(() => inviteLabel(el) === label, `the invite button reads "${label}"`, {
    timeout: 4000,
  });
}

describe('languages', () => {
  after(async () => {
    document.documentElement.lang = 'en';
    document.documentElement.dir = '';
    await configure({ locale: 'en', messages: {} });
  });

  it('has German and Arabic texts for every message, none left in English by mistake', () => {
    const ids = Object.keys(german);
    expect(ids.length).to.be.at.least(400);
    expect(Object.keys(arabic)).to.have.members(ids);
    expect(text(german, 'Invite')).to.not.equal('Invite');
    expect(text(arabic, 'Invite')).to.match(/\p{Script=Arabic}/u);
  });

  it("follows the page's lang (and its changes) until a locale is chosen", async () => {
    document.documentElement.lang = 'de-AT';
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    await waitUntil(() => getLocale() === 'de-AT', 'the page lang is followed');
    await shows(el, text(german, 'Invite'));
    expect(headers(el)).to.include(text(german, 'Email'));
    document.documentElement.lang = 'fr';
    await shows(el, 'Invite');
    expect(getLocale(), 'a language without texts falls back on English').to.equal('en');
  });

  it('an element’s locale attribute sets the page’s locale', async () => {
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    const { el: other } = await mountTable({ preset: 'all' }, 'owner');
    el.setAttribute('locale', 'de');
    await shows(other, text(german, 'Invite'));
    document.documentElement.lang = 'ar';
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(inviteLabel(other), 'the page lang no longer counts').to.equal(text(german, 'Invite'));
  });

  it('a malformed locale is a roster-error, and the texts stay', async () => {
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    await setLocale('de');
    const said = oneEvent(el, 'roster-error') as Promise<RosterErrorEvent>;
    el.setAttribute('locale', 'not a locale!');
    const event = await said;
    expect(event.message).to.contain('not a locale!');
    expect(event.error).to.be.instanceOf(RangeError);
    expect(inviteLabel(el)).to.equal(text(german, 'Invite'));
    expect(getLocale()).to.equal('de');
  });

  it('formats counts and dates for the locale', async () => {
    await configure({ locale: 'de' });
    expect(formatNumber(1234567)).to.equal('1.234.567');
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    // Relative times and dates through Intl, in German: "vor 3 Minuten (02.12.2026, 14:04)".
    const cells = $$(el, '[role="gridcell"]')
      .map((cell) => cell.textContent!)
      .join(' ');
    expect(cells).to.match(/vor \d+ (Minuten|Stunden|Tagen)/);
    expect(cells).to.match(/\(\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}\)/);
    expect(cells).to.not.match(/\bago\b/);
    await configure({ locale: 'ar' });
    expect(formatNumber(1234)).to.equal(new Intl.NumberFormat('ar').format(1234));
  });

  it('words counts in all six Arabic plural forms', async () => {
    await configure({ locale: 'ar' });
    const forms = [0, 1, 2, 3, 11, 100].map((n) => removeUsers(n, false));
    expect(new Set(forms).size, forms.join(' / ')).to.equal(6);
    for (const form of forms) {
      expect(form).to.match(/\p{Script=Arabic}/u);
      expect(form, 'no plural syntax left over').to.not.match(/[|=]/);
    }
    expect(forms[3]).to.contain(formatNumber(3));
    expect(forms[4]).to.contain(formatNumber(11));
  });

  it('words "3 of 4 seats" and "3 of 4 users removed" count-neutrally in Arabic: 2, 11, 100', async () => {
    await configure({ locale: 'ar' });
    const seats = async (used: number, limit: number) =>
      part(await renderPart(renderSeatMeter({ used, limit })), 'seat-meter-label').textContent!;
    for (const limit of [0, 2, 11, 100]) {
      const used = Math.max(limit - 1, 0);
      expect(await seats(used, limit)).to.equal(
        `المقاعد المستخدمة: ${formatNumber(used)} من ${formatNumber(limit)}`,
      );
    }
    // The revoke dialog's results, one removal failing, for 2 and 11 users.
    for (const count of [2, 11]) {
      const s = await setup({ preset: 'workspace' }, 'owner');
      const users = s.server
        .usersAs('owner')
        .filter((u) => u.allowedActions.revoke && u.status === 'active')
        .slice(0, count);
      expect(users).to.have.length(count);
      s.net.failures.set(users[0]!.id, 'internal');
      await open(s, users);
      confirmButton(s.el)!.click();
      await waitUntil(() => dialogPart(s.el, 'results'), 'results', { timeout: 4000 });
      const results = dialogText(s.el, 'results');
      expect(results).to.contain(
        `المستخدمون الذين أُزيلوا: ${formatNumber(count - 1)} من ${formatNumber(count)}.`,
      );
      expect(results, 'no plural syntax left over').to.not.match(/[|=]/);
    }
  });

  it('lays out Arabic right to left, axe clean', async () => {
    await configure({ locale: 'ar' });
    document.documentElement.dir = 'rtl';
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    await shows(el, text(arabic, 'Invite'));
    // The first column sits at the right edge, the next one to its left.
    const [first, second] = $$(el, '[role="columnheader"]').map((cell) =>
      cell.getBoundingClientRect(),
    );
    expect(first!.right).to.be.greaterThan(second!.right);
    await expect(el).to.be.accessible();
    document.documentElement.dir = '';
  });

  it("takes a host's own wording of any message, with values, in English too", async () => {
    await configure({
      locale: 'en',
      messages: {
        en: { Invite: 'Add teammates', 'Revoke ${0} users': 'Remove ${0} people' },
        de: { Invite: 'Leute einladen' },
      },
    });
    const { el } = await mountTable({ preset: 'all' }, 'owner');
    await shows(el, 'Add teammates');
    expect(removeUsers(3, false)).to.equal('Remove 3 people');
    expect(removeUsers(1, false), 'other messages keep their text').to.equal('Revoke 1 user');
    await configure({ locale: 'de' });
    await shows(el, 'Leute einladen');
    expect(headers(el)).to.include(text(german, 'Email'));
  });
});
