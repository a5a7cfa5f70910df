/**
 * `PATCH /users/{id}` and `DELETE /users/{id}`: versions and If-Match, concurrent writes,
 * self-protection, role policy, reassignment on revoke and freed seats.
 */
import type { Page, User } from '../../../src/api/types.js';
import { getUser, invite, meOf, seats, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';
import type { ApiRequest, Sender } from '../http.js';

function patch(id: string, body: unknown, etag?: string): ApiRequest {
  return {
    method: 'PATCH',
    path: '/users/{id}',
    params: { id },
    body,
    headers: etag === undefined ? {} : { 'If-Match': etag },
  };
}

function remove(id: string, reassignTo?: string): ApiRequest {
  return { method: 'DELETE', path: '/users/{id}', params: { id }, query: { reassignTo } };
}

/** Runs the group. */
export async function checkEditAndRemove(h: Harness, env: Env): Promise<void> {
  h.group('Editing users');
  const selfId = env.me.admin!.user.id;

  await h.check(
    'PATCH with If-Match → 200, new version and ETag; stale If-Match → 412',
    async (t) => {
      const user = await invite(t, env);
      const { etag } = await getUser(t, user.id);
      const res = await t.send('admin', patch(user.id, { name: 'Renamed Once' }, etag));
      t.expectStatus(res, 200);
      const changed = res.body as User;
      expect(changed.name === 'Renamed Once', `name is ${changed.name}`);
      expect(changed.version > user.version, 'version did not increase');
      expect(
        res.headers.get('etag') === `"${changed.version}"`,
        `ETag ${res.headers.get('etag')} does not match version`,
      );
      const stale = await t.send('admin', patch(user.id, { name: 'Lost Write' }, etag));
      t.expectProblem(stale, 412, 'version_conflict');
      expect(
        (await getUser(t, user.id)).user.name === 'Renamed Once',
        'the stale write changed the user',
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
        const res = await t.send('admin', patch(user.id, { name: 'Weak Write' }, tag));
        t.expectProblem(res, 412, 'version_conflict');
      }
      expect((await getUser(t, user.id)).user.name === user.name, 'a weak tag changed the user');
    },
  );

  await h.check('PATCH with an unknown field → 422 validation_failed', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    const res = await t.send('admin', patch(user.id, { shoeSize: 44 }, etag));
    t.expectProblem(res, 422, 'validation_failed', 'shoeSize');
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
    expect(statuses[0] === 200 && statuses[1] === 412, `statuses were ${statuses.join(', ')}`);
    const winner = answers.find((a) => a.status === 200)!.body as User;
    expect((await getUser(t, user.id)).user.name === winner.name, "the winner's change was lost");
  });

  await h.check('PATCH role to one allowedActions.changeRole offers → 200', async (t) => {
    const user = await invite(t, env);
    const target = user.allowedActions.changeRole[0];
    expect(target, 'changeRole offers no role for a fresh invitation');
    const { etag } = await getUser(t, user.id);
    const res = await t.send('admin', patch(user.id, { role: target }, etag));
    t.expectStatus(res, 200);
    expect((res.body as User).role === target, `role is ${(res.body as User).role}`);
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

  if (env.api.has('limited')) {
    await h.check(
      'limited persona changing a user to the top role → 403 role_not_assignable',
      async (t) => {
        const role = meOf(env, 'limited').capabilities.inviteRoles[0];
        const user = await invite(t, env, { role, label: 'promote' });
        const { etag } = await getUser(t, user.id);
        const res = await t.send('limited', patch(user.id, { role: env.topRole.id }, etag));
        t.expectProblem(res, 403, 'role_not_assignable');
      },
    );
    await h.check('limited persona editing the admin → 403 forbidden', async (t) => {
      const { etag } = await getUser(t, selfId);
      t.expectProblem(
        await t.send('limited', patch(selfId, { name: 'Demoted' }, etag)),
        403,
        'forbidden',
      );
    });
  } else {
    h.skip('role policy on PATCH', 'no --limited-token given');
  }

  await h.check('PATCH email: taken → 409 email_taken, invalid → 422 (email)', async (t) => {
    const user = await invite(t, env);
    const { etag } = await getUser(t, user.id);
    if (!user.allowedActions.editEmail) {
      t.note('editEmail is off for an invited user: only checked that a change is refused');
      const res = await t.send('admin', patch(user.id, { email: env.email('moved') }, etag));
      expect(res.status === 403 || res.status === 422, `changing the email answered ${res.status}`);
      return;
    }
    const other = await invite(t, env, { label: 'other' });
    const taken = await t.send('admin', patch(user.id, { email: other.email.toUpperCase() }, etag));
    t.expectProblem(taken, 409, 'email_taken');
    const bad = await t.send('admin', patch(user.id, { email: 'nope' }, etag));
    t.expectProblem(bad, 422, 'validation_failed', 'email');
  });

  if (!env.workspace.features.suspension) {
    h.skip('suspend / reactivate', 'features.suspension is off');
  } else {
    await h.check('suspending follows allowedActions.suspend', async (t) => {
      const user = await invite(t, env);
      const { etag } = await getUser(t, user.id);
      const res = await t.send('admin', patch(user.id, { status: 'suspended' }, etag));
      if (user.allowedActions.suspend) {
        t.expectStatus(res, 200);
        const suspended = res.body as User;
        expect(suspended.status === 'suspended', `status is ${suspended.status}`);
        expect(suspended.allowedActions.reactivate, 'a suspended user offers no reactivate');
      } else {
        t.note('suspend is not offered on an invited user: only checked that it is refused');
        expect(res.status === 403 || res.status === 422, `suspending answered ${res.status}`);
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
    expect(after.used === before.used - 1, `seats.used went ${before.used} → ${after.used}`);
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
    await getUser(t, user.id);
  });

  await h.check('DELETE yourself → 403 cannot_modify_self', async (t) => {
    t.expectProblem(await t.send('admin', remove(selfId)), 403, 'cannot_modify_self');
  });

  await h.check('DELETE an unknown user → 404 not_found', async (t) => {
    t.expectProblem(await t.send('admin', remove('no-such-user-0')), 404, 'not_found');
  });

  if (env.workspace.features.reassignOnRevoke) {
    await h.check('DELETE ?reassignTo=unknown → 422 (reassignTo), nothing removed', async (t) => {
      const user = await invite(t, env);
      t.expectProblem(
        await t.send('admin', remove(user.id, 'no-such-user-0')),
        422,
        'validation_failed',
        'reassignTo',
      );
      await getUser(t, user.id);
    });
    await h.check('DELETE ?reassignTo=<active user> → 204, their contacts are kept', async (t) => {
      const res = await t.send('admin', {
        method: 'GET',
        path: '/users',
        query: { status: 'active', limit: 200 },
      });
      t.expectStatus(res, 200);
      const heir = (res.body as Page<User>).items.find((u) => u.id !== selfId);
      expect(heir, 'no active user to reassign to');
      const user = await invite(t, env);
      t.expectStatus(await t.send('admin', remove(user.id, heir.id)), 204);
      const after = (await getUser(t, heir.id)).user;
      expect(after.assignedContacts >= heir.assignedContacts, 'the heir lost contacts');
    });
  } else {
    h.skip('reassignment on revoke', 'features.reassignOnRevoke is off');
  }

  if (env.api.has('noAccess')) {
    await h.check('DELETE by a persona who may not manage users → 403 forbidden', async (t) => {
      const user = await invite(t, env);
      t.expectProblem(await t.send('noAccess', remove(user.id)), 403, 'forbidden');
    });
  }
  if (env.api.has('limited')) {
    await h.check('limited persona removing the admin → 403 forbidden', async (t) => {
      t.expectProblem(await t.send('limited', remove(selfId)), 403, 'forbidden');
    });
  }
  h.skip(
    'last_owner',
    'only reachable by removing or demoting the last top-role holder, which needs either self-modification (refused first with cannot_modify_self) or changing users the suite did not create',
  );
}
