/** Failures in words: one mapping, each dialog's wording as data. */
import { expect } from '@open-wc/testing';
import {
  RosterHttpError,
  RosterNetworkError,
  RosterTimeoutError,
} from '../../../src/api/errors.js';
import {
  chipWords,
  editWords,
  failureText,
  refusesField,
  removalWords,
} from '../../../src/elements/parts/failure-text.js';
import type { FailureWords } from '../../../src/elements/parts/failure-text.js';
import { hostileStrings } from '../hostile.js';

const info = { action: 'Doing it', method: 'POST', url: 'https://roster.test/api/v1/x' };
const TRIAL = 'Invitations are disabled while the trial lasts';

/** An HTTP failure with a problem body (`detail` and `errors` when given). */
function refused(
  code: string,
  status: number,
  extra: { detail?: string; errors?: unknown[]; retryAfter?: number } = {},
): RosterHttpError {
  const { retryAfter = null, ...body } = extra;
  return new RosterHttpError(
    info,
    status,
    { type: 'about:blank', code, status, ...body },
    retryAfter,
  );
}

const network = new RosterNetworkError(info, new TypeError('Failed to fetch'));
const timeout = new RosterTimeoutError(info, 100);

const dialogs: [string, () => FailureWords][] = [
  ['chip', chipWords],
  ['edit', () => editWords({ who: 'Ana', role: 'Manager', lastOwner: 'Ana is the last owner.' })],
  ['removal', () => removalWords({ name: 'Ana', role: 'Owner', self: 'Not yourself.' })],
];

describe('failureText', () => {
  describe('a code of the backend’s own', () => {
    for (const [name, words] of dialogs) {
      it(`${name}: shows the server's detail`, () => {
        expect(failureText(refused('trial_restriction', 403, { detail: TRIAL }), words())).to.equal(
          TRIAL,
        );
      });
    }

    it('without a detail, says what the status means in the dialog’s form', () => {
      const bare = refused('trial_restriction', 403, { detail: '   ' });
      expect(failureText(bare, chipWords())).to.equal('The server refused it (HTTP 403)');
      expect(failureText(bare, dialogs[2]![1]())).to.equal(
        'Removing Ana failed: the server refused it (HTTP 403).',
      );
      expect(failureText(refused('odd', 503), chipWords())).to.equal(
        'The server had a problem (HTTP 503)',
      );
    });

    it('cuts a very long detail and keeps hostile text as text', () => {
      const long = failureText(refused('x', 400, { detail: hostileStrings.long }), chipWords());
      expect(long).to.have.length(500);
      expect(long.endsWith('…')).to.be.true;
      expect(
        failureText(refused('x', 400, { detail: hostileStrings.markup }), chipWords()),
      ).to.equal(hostileStrings.markup);
    });

    it('is never mistaken for an inherited name (toString, __proto__)', () => {
      expect(failureText(refused('toString', 400, { detail: 'D' }), chipWords())).to.equal('D');
      expect(failureText(refused('__proto__', 400, { detail: 'P' }), chipWords())).to.equal('P');
    });
  });

  describe('a code of the contract', () => {
    it('keeps the dialog’s words even when the server sent a detail', () => {
      const forbidden = refused('forbidden', 403, { detail: 'Refused: forbidden' });
      expect(failureText(forbidden, chipWords())).to.equal(
        'Not allowed: you may not invite people',
      );
      expect(failureText(forbidden, dialogs[2]![1]())).to.equal(
        "You're not allowed to remove Ana.",
      );
      const internal = refused('internal', 500, { detail: 'stack trace…' });
      expect(failureText(internal, dialogs[1]![1]())).to.equal(
        'The server had a problem (HTTP 500). Your changes are kept; try again.',
      );
    });

    it('words a non-problem answer (an HTML 502 page) by its status, not its markup', () => {
      const page = new RosterHttpError(info, 502, '<h1>Bad gateway</h1>', null);
      expect(failureText(page, chipWords())).to.equal('The server had a problem; send again');
      expect(failureText(page, dialogs[2]![1]())).to.equal(
        'Removing Ana failed: the server had a problem (HTTP 502).',
      );
    });

    it('falls back on the client’s reason where the dialog has no words of its own', () => {
      expect(failureText(refused('not_invited', 409), chipWords())).to.equal(
        'This user is no longer waiting for an invitation',
      );
      expect(failureText(refused('seat_limit_reached', 409), dialogs[2]![1]())).to.equal(
        'Removing Ana failed: seat limit reached.',
      );
    });

    it('says when to send again after rate limiting', () => {
      expect(failureText(refused('rate_limited', 429, { retryAfter: 7 }), chipWords())).to.equal(
        'Too many requests; send again in 7 s',
      );
      expect(failureText(refused('rate_limited', 429), dialogs[1]![1]())).to.equal(
        'Too many requests. Wait a moment, then try again.',
      );
    });

    it('names who and what in the edit and removal sentences', () => {
      const [, edit] = dialogs[1]!;
      const [, removal] = dialogs[2]!;
      expect(failureText(refused('role_not_assignable', 403), edit())).to.equal(
        'You may not give the Manager role.',
      );
      expect(failureText(refused('last_owner', 409), edit())).to.equal('Ana is the last owner.');
      expect(failureText(refused('not_found', 404), edit())).to.equal(
        'Ana no longer exists: someone removed them. Nothing was saved.',
      );
      expect(failureText(refused('cannot_modify_self', 403), removal())).to.equal('Not yourself.');
      expect(failureText(refused('last_owner', 409), removal())).to.contain(
        'Ana is the only Owner left',
      );
    });

    it('tells a refused receiver of the contacts from other validation failures, in the server’s words', () => {
      const receiver = refused('validation_failed', 422, {
        errors: [{ field: 'reassignTo', code: 'invalid', message: 'Invalid.' }],
      });
      const other = refused('validation_failed', 422, {
        errors: [
          { field: 'email', code: 'invalid', message: 'Invalid.' },
          { field: 'legalHold', code: 'on_hold', message: 'Ana is under legal hold' },
        ],
      });
      const [, removal] = dialogs[2]!;
      expect(failureText(receiver, removal())).to.equal(
        'Choose another active user to receive the contacts.',
      );
      expect(failureText(other, removal())).to.equal(
        'Removing Ana failed: Invalid; Ana is under legal hold.',
      );
      expect(failureText(refused('validation_failed', 422), removal())).to.equal(
        'Removing Ana failed: some values are not valid.',
      );
      expect(refusesField(receiver, 'reassignTo')).to.be.true;
      expect(refusesField(other, 'reassignTo')).to.be.false;
      expect(refusesField(refused('forbidden', 403), 'reassignTo')).to.be.false;
      expect(refusesField(new Error('x'), 'reassignTo')).to.be.false;
    });
  });

  describe('no answer, and other failures', () => {
    it('words a network failure and a timeout per dialog', () => {
      expect(dialogs.map(([, words]) => failureText(network, words()))).to.deep.equal([
        'The server could not be reached; send again',
        'The server could not be reached. Check your connection. Your changes are kept; try again.',
        'Removing Ana failed: the server could not be reached. Nothing is lost: check your connection and try again.',
      ]);
      expect(dialogs.map(([, words]) => failureText(timeout, words()))).to.deep.equal([
        'The server took too long; send again',
        'The server took too long to answer. Your changes are kept; try again.',
        'Removing Ana failed: the server took too long to answer. Nothing is lost: check your connection and try again.',
      ]);
    });

    it('says something went wrong for what is not a client failure', () => {
      for (const thrown of [new Error('bug'), 'text', null, undefined, { code: 'forbidden' }])
        expect(dialogs.map(([, words]) => failureText(thrown, words()))).to.deep.equal([
          'Something went wrong; send again',
          'Something went wrong. Your changes are kept; try again.',
          'Removing Ana failed.',
        ]);
    });
  });
});
