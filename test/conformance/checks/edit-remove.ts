/**
 * `PATCH /users/{id}` and `DELETE /users/{id}`: versions and If-Match, concurrent writes,
 * malformed bodies, self-protection, role policy, reassignment on revoke and freed seats.
 */
import type { Page, User } from '../../../src/api/types.js';
import { getUser, invite, need, seats, type Env } from '../env.js';
import { type Check, type Harness, expect, skip } from '../harness.js';
import type { ApiRequest, Sender } from '../http.js';

/** `PATCH /users/{id}`, with `If-Match` when an ETag is given. */
export function patch(id: string, body: unknown, etag?: string): ApiRequest {
  return {
    method: 'PATCH',
    path: '/users/{id}',
    params: { id },
    body,
    headers: etag === undefined ? {} : { 'If-Match': etag },
  };
}

/** `DELETE /users/{id}`, optionally reassigning the user's contacts. */
export function remove(id: string, reassignTo?: string): ApiRequest {
  return { method: 'DELETE', path: '/users/{id}', params: { id }, query: { reassignTo } };
}

/** The admin's own id (from its `GET /me`), or the check is skipped. */
const selfOf = (env: Env) => need(env, 'me.admin').me.admin.user.id;

/**
 * Refusals the contract ties to `allowedActions`: the admin as `persona` sees it must not offer
 * `action`, or the suite would have to change a user it did not create (it never does).
 */
async function adminAs(t: Check, env: Env, persona: Sender, action: 'edit' | 'revoke') {
  const { user, etag } = await getUser(t, selfOf(env), persona);
  if (user.allowedActions[action])
    skip(
      `the ${persona} persona may ${action} the admin (allowedActions.${action}); the suite changes no user it did not create`,
    );
  return { id: user.id, etag };
}

/** Runs the group. */
export async function checkEditAndRemove(h: Harness, env: Env): Promise<void> {
  h.group('Editing users');

  await h.check(
    'PATCH with If-Match → 200, new version and ETag; stale If-Match → 412',
    async (t) => {
      const user = await invite(t, env);
      const { etag } = await getUser(t, user.id);
      t.step('PATCH with the current ETag');
      const res = await t.send('admin', patch(user.id, { name: 'Renamed Once' }, etag));
      t.expectStatus(res, 200);
      const changed = res.body as User;
      expect(
        changed.name === 'Renamed Once',
        `expected name "Renamed Once", got "${changed.name}"`,
        res,
      );
      expect(
        changed.version > user.version,
        `expected a version above ${user.version}, got ${changed.version}`,
        res,
      );
      expect(
        res.headers.get('etag') === `"${changed.version}"`,
        `expected ETag "${changed.version}" (the new version), got ${res.headers.get('etag')}`,
        res,
      );
      t.step('PATCH again with the old ETag');
      const stale = await t.send('admin', patch(user.id, { name: 'Lost Write' }, etag));
      t.expectProblem(stale, 412, 'version_conflict');
      t.step('read back');
      const after = (await getUser(t, user.id)).user.name;
      expect(
        after === 'Renamed Once',
        `expected the stale write to change nothing, got name "${after}"`,
      );
    },
  );

  await h.check('PATCH without If-Match → 422 validation_failed (If-Match)', async (t) => {
    const user = await invite(t, env);
    t.expectProblem(
      await t.send('admin', patch(user.id, { name: 'No Version' })),
      422,
      'validation_failed',
      'If-Match',
    );
  });

  await h.check(
    'PATCH with a weak or zero-padded If-Match → 412 (strong comparison), user kept',
    async (t) => {
      const user = await invite(t, env);
      const { etag } = await getUser(t, user.id);
      const version = etag.slice(1, -1);
      for (const tag of [`W/${etag}`, `"0${version}"`]) {
        t.step(`If-Match ${tag}`);
        const res = await t.send('admin', patch(user.id, { name: 'Weak Write' }, tag));
        t.expectProblem(res, 412, 'version_conflict');
      }
      t.step('read back');
      const after = (await getUser(t, user.id)).user.name;
      expect(after === user.name, `expected name "${user.name}" kept, got "${after}"`);
    },
  );

  await h.check('PATCH with an unknown field → 422 validation_failed', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    const res = await t.send('admin', patch(user.id, { shoeSize: 44 }, etag));
    t.expectProblem(res, 422, 'validation_failed', 'shoeSize');
  });

  await h.check('PATCH with malformed JSON → 400 bad_request, user kept', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    const res = await t.send('admin', {
      ...patch(user.id, undefined, etag),
      rawBody: '{"email":',
    });
    t.expectProblem(res, 400, 'bad_request');
  });

  await h.check('two concurrent PATCHes with one If-Match: one 200, one 412', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    const second: Sender = env.api.has('secondAdmin') ? 'secondAdmin' : 'admin';
    const answers = await Promise.all([
      t.send('admin', patch(user.id, { name: 'Writer A' }, etag)),
      t.send(second, patch(user.id, { name: 'Writer B' }, etag)),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(
      statuses[0] === 200 && statuses[1] === 412,
      `expected 200 and 412, got ${answers.map((a) => `${a.status} for ${a.request}`).join('; ')}`,
    );
    const winner = answers.find((a) => a.status === 200)!.body as User;
    const after = (await getUser(t, user.id)).user.name;
    expect(after === winner.name, `expected the winner's name "${winner.name}", got "${after}"`);
  });

  await h.check('PATCH role to one allowedActions.changeRole offers → 200', async (t) => {
    const user = await invite(t, env);
    const target = user.allowedActions.changeRole[0];
    if (!target) skip('allowedActions.changeRole offers no role for a fresh invitation');
    const { etag } = await getUser(t, user.id);
    const res = await t.send('admin', patch(user.id, { role: target }, etag));
    t.expectStatus(res, 200);
    const role = (res.body as User).role;
    expect(role === target, `expected role ${target}, got ${role}`, res);
  });

  await h.check('PATCH role to an unknown role → 422 validation_failed (role)', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    t.expectProblem(
      await t.send('admin', patch(user.id, { role: 'no-such-role' }, etag)),
      422,
      'validation_failed',
      'role',
    );
  });

  await h.check('PATCH yourself → 403 cannot_modify_self', async (t) => {
    const selfId = selfOf(env);
    const { etag } = await getUser(t, selfId);
    t.expectProblem(
      await t.send('admin', patch(selfId, { name: 'Me Myself' }, etag)),
      403,
      'cannot_modify_self',
    );
  });

  await h.check('PATCH an unknown user → 404 not_found', async (t) => {
    t.expectProblem(
      await t.send('admin', patch('no-such-user-0', { name: 'Nobody' }, '"1"')),
      404,
      'not_found',
    );
  });

  await h.check(
    'limited persona changing a user to the top role → 403 role_not_assignable',
    async (t) => {
      const { me, topRole } = need(env, 'me.limited', 'topRole');
      const role = me.limited.capabilities.inviteRoles.find((r) => r !== topRole.id);
      if (!role) skip('the limited persona lists no role below the top role in inviteRoles');
      const user = await invite(t, env, { role, label: 'promote' });
      const { etag } = await getUser(t, user.id);
      const res = await t.send('limited', patch(user.id, { role: topRole.id }, etag));
      t.expectProblem(res, 403, 'role_not_assignable');
    },
  );

  await h.check(
    'limited persona editing the admin (allowedActions.edit false) → 403 forbidden',
    async (t) => {
      need(env, 'limited');
      const { id, etag } = await adminAs(t, env, 'limited', 'edit');
      t.expectProblem(
        await t.send('limited', patch(id, { name: 'Demoted' }, etag)),
        403,
        'forbidden',
      );
    },
  );

  await h.check('PATCH email: taken → 409 email_taken, invalid → 422 (email)', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    if (!user.allowedActions.editEmail) {
      t.note('editEmail is off for an invited user: only checked that a change is refused');
      const res = await t.send('admin', patch(user.id, { email: env.email('moved') }, etag));
      expect(
        res.status === 403 || res.status === 422,
        `expected 403 or 422 (allowedActions.editEmail is false), got ${res.status}`,
        res,
      );
      return;
    }
    const other = await invite(t, env, { label: 'other' });
    t.step("change to another user's email");
    const taken = await t.send('admin', patch(user.id, { email: other.email.toUpperCase() }, etag));
    t.expectProblem(taken, 409, 'email_taken');
    t.step('change to an invalid email');
    const bad = await t.send('admin', patch(user.id, { email: 'nope' }, etag));
    t.expectProblem(bad, 422, 'validation_failed', 'email');
  });

  if (env.workspace && !env.workspace.features.suspension) {
    h.skip('suspend / reactivate', 'features.suspension is off');
  } else {
    await h.check('suspending follows allowedActions.suspend', async (t) => {
      need(env, 'features.suspension');
      const user = await invite(t, env);
      const { etag } = await getUser(t, user.id);
      const res = await t.send('admin', patch(user.id, { status: 'suspended' }, etag));
      if (user.allowedActions.suspend) {
        t.expectStatus(res, 200);
        const suspended = res.body as User;
        expect(
          suspended.status === 'suspended',
          `expected status suspended, got ${suspended.status}`,
          res,
        );
        expect(
          suspended.allowedActions.reactivate,
          'expected allowedActions.reactivate true on a suspended user, got false',
          res,
        );
      } else {
        t.note('suspend is not offered on an invited user: only checked that it is refused');
        expect(
          res.status === 403 || res.status === 422,
          `expected 403 or 422 (allowedActions.suspend is false), got ${res.status}`,
          res,
        );
      }
    });
    h.skip(
      'suspend / reactivate an active user',
      'the suite changes only users it created, and those stay invited',
    );
  }

  h.group('Removing users');

  await h.check('DELETE → 204, the seat is freed, the user is gone', async (t) => {
    const user = await invite(t, env);
    const before = await seats(t);
    const res = await t.send('admin', remove(user.id));
    t.expectStatus(res, 204);
    const after = await seats(t);
    expect(
      after.used === before.used - 1,
      `expected seats.used ${before.used - 1} (${before.used} before the removal), got ${after.used}`,
    );
    const gone = await t.send('admin', {
      method: 'GET',
      path: '/users/{id}',
      params: { id: user.id },
    });
    t.expectProblem(gone, 404, 'not_found');
  });

  await h.check('DELETE with a stale If-Match → 412 version_conflict, user kept', async (t) => {
    const user = await invite(t, env);
    const stale = `"${user.version + 1000}"`;
    const res = await t.send('admin', { ...remove(user.id), headers: { 'If-Match': stale } });
    t.expectProblem(res, 412, 'version_conflict');
    t.step('read back');
    await getUser(t, user.id);
  });

  await h.check('DELETE yourself → 403 cannot_modify_self', async (t) => {
    t.expectProblem(await t.send('admin', remove(selfOf(env))), 403, 'cannot_modify_self');
  });

  await h.check('DELETE an unknown user → 404 not_found', async (t) => {
    t.expectProblem(await t.send('admin', remove('no-such-user-0')), 404, 'not_found');
  });

  if (env.workspace && !env.workspace.features.reassignOnRevoke) {
    h.skip('reassignment on revoke', 'features.reassignOnRevoke is off');
  } else {
    await h.check('DELETE ?reassignTo=unknown → 422 (reassignTo), nothing removed', async (t) => {
      need(env, 'features.reassignOnRevoke');
      const user = await invite(t, env);
      t.expectProblem(
        await t.send('admin', remove(user.id, 'no-such-user-0')),
        422,
        'validation_failed',
        'reassignTo',
      );
      t.step('read back');
      await getUser(t, user.id);
    });
    await h.check('DELETE ?reassignTo=<active user> → 204, their contacts are kept', async (t) => {
      need(env, 'features.reassignOnRevoke');
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { status: 'active', limit: 200 },
      });
      t.expectStatus(res, 200);
      const heir = (res.body as Page<User>).items.find((u) => u.id !== selfOf(env));
      if (!heir) skip('no active user besides the admin to reassign to');
      const user = await invite(t, env);
      t.expectStatus(await t.send('admin', remove(user.id, heir.id)), 204);
      const after = (await getUser(t, heir.id)).user;
      expect(
        after.assignedContacts >= heir.assignedContacts,
        `expected ${heir.email} to keep at least ${heir.assignedContacts} contacts, got ${after.assignedContacts}`,
      );
    });
  }

  await h.check('DELETE by a persona who may not manage users → 403 forbidden', async (t) => {
    need(env, 'noAccess');
    const user = await invite(t, env);
    t.expectProblem(await t.send('noAccess', remove(user.id)), 403, 'forbidden');
  });
  await h.check(
    'limited persona removing the admin (allowedActions.revoke false) → 403 forbidden',
    async (t) => {
      need(env, 'limited');
      const { id } = await adminAs(t, env, 'limited', 'revoke');
      t.expectProblem(await t.send('limited', remove(id)), 403, 'forbidden');
    },
  );
  h.skip(
    'last_owner',
    'only reachable by removing or demoting the last top-role holder, which needs either self-modification (refused first with cannot_modify_self) or changing users the suite did not create',
  );
}
