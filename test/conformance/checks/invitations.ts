/**
 * `POST /invitations` and `POST /users/{id}/resend-invitation`: the invited user, seats,
 * email normalisation and uniqueness, input validation, body size, idempotency, role policy,
 * forced flags, restrictions and grants.
 */
import type { Page, User } from '../../../src/api/types.js';
import { getUser, invite, meOf, seats, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';

/** Runs the group. */
export async function checkInvitations(h: Harness, env: Env): Promise<void> {
  h.group('Invitations');
  const post = (body: unknown) => ({ method: 'POST', path: '/invitations', body }) as const;

  await h.check('POST /invitations → 201 invited user, one more seat used', async (t) => {
    const before = await seats(t);
    const email = env.email('Mixed.Case');
    const user = await invite(t, env, {
      email: `  ${email.toUpperCase()} `,
      name: 'Ana Conformance',
    });
    expect(user.status === 'invited', `status is ${user.status}`);
    expect(user.email.toLowerCase() === email.toLowerCase(), `email stored as "${user.email}"`);
    expect(
      user.role === env.inviteRole.id && user.name === 'Ana Conformance',
      'role or name not kept',
    );
    expect(user.invitedAt && user.inviteExpiresAt, 'invitedAt / inviteExpiresAt missing');
    expect(
      Date.parse(user.inviteExpiresAt) > Date.parse(user.invitedAt),
      'invitation expires before it was sent',
    );
    expect(
      user.allowedActions.resendInvitation && user.allowedActions.revoke,
      'admin may not resend or revoke it',
    );
    const after = await seats(t);
    expect(after.used === before.used + 1, `seats.used went ${before.used} → ${after.used}`);
    const read = await getUser(t, user.id);
    expect(read.user.email === user.email, 'GET /users/{id} disagrees with the invitation answer');
  });

  await h.check('email taken (other case, spaces) → 409 email_taken', async (t) => {
    const user = await invite(t, env);
    const res = await t.send(
      'admin',
      post({ email: ` ${user.email.toUpperCase()}  `, role: env.inviteRole.id }),
    );
    t.expectProblem(res, 409, 'email_taken');
  });

  for (const [label, body, field, code] of [
    ['invalid email', { email: 'not an email', role: env.inviteRole.id }, 'email', 'invalid_email'],
    ['missing email', { role: env.inviteRole.id }, 'email', undefined],
    ['missing role', { email: env.email('norole') }, 'role', undefined],
    ['unknown role', { email: env.email('badrole'), role: 'no-such-role' }, 'role', undefined],
    ['wrong type', { email: 42, role: env.inviteRole.id }, 'email', undefined],
    [
      'unknown field',
      { email: env.email('extra'), role: env.inviteRole.id, shoeSize: 44 },
      'shoeSize',
      undefined,
    ],
  ] as const) {
    await h.check(`${label} → 422 validation_failed (${field})`, async (t) => {
      const res = await t.send('admin', post(body));
      t.expectProblem(res, 422, 'validation_failed', field);
      if (code) {
        const error = (res.body as { errors: { field: string; code: string }[] }).errors.find(
          (e) => e.field === field,
        );
        expect(error?.code === code, `errors[].code is ${error?.code}, expected ${code}`);
      }
    });
  }

  await h.check('malformed JSON → 422 validation_failed', async (t) => {
    const res = await t.send('admin', {
      method: 'POST',
      path: '/invitations',
      rawBody: '{"email": "a@b.c", ',
    });
    t.expectProblem(res, 422, 'validation_failed');
  });

  await h.check('body over 64 KB → 413 payload_too_large', async (t) => {
    const body = { email: env.email('big'), role: env.inviteRole.id, name: 'x'.repeat(70_000) };
    t.expectProblem(await t.send('admin', post(body)), 413, 'payload_too_large');
  });

  await h.check('Idempotency-Key replay returns the same user, never a second one', async (t) => {
    const key = `conformance-${env.email('key')}`;
    const body = { email: env.email('idem'), role: env.inviteRole.id };
    const request = { ...post(body), headers: { 'Idempotency-Key': key } };
    const first = await t.send('admin', request);
    t.expectStatus(first, 201);
    const again = await t.send('admin', request);
    t.expectStatus(again, 201);
    expect((again.body as User).id === (first.body as User).id, 'the replay created another user');
    const found = await t.send('admin', {
      method: 'GET',
      path: '/users',
      query: { q: body.email },
    });
    expect((found.body as Page<User>).total === 1, 'more than one user has the email');
    const other = await t.send('admin', {
      ...post({ ...body, name: 'Changed' }),
      headers: { 'Idempotency-Key': key },
    });
    t.expectProblem(other, 422, 'validation_failed', 'Idempotency-Key');
  });

  if (env.api.has('limited')) {
    await h.check('limited persona inviting the top role → 403 role_not_assignable', async (t) => {
      const res = await t.send('limited', post({ email: env.email('top'), role: env.topRole.id }));
      t.expectProblem(res, 403, 'role_not_assignable');
    });
    await h.check('limited persona may invite a role it lists in inviteRoles', async (t) => {
      const role = meOf(env, 'limited').capabilities.inviteRoles[0];
      expect(role, 'the limited persona lists no role');
      const user = await invite(t, env, { role, label: 'bylimited' }, 'limited');
      expect(user.role === role, `role is ${user.role}`);
    });
  } else {
    h.skip('role_not_assignable on invite', 'no --limited-token given');
  }

  if (env.api.has('noAccess')) {
    await h.check('persona who may not invite → 403 forbidden', async (t) => {
      const res = await t.send(
        'noAccess',
        post({ email: env.email('noaccess'), role: env.inviteRole.id }),
      );
      t.expectProblem(res, 403, 'forbidden');
    });
  } else {
    h.skip('forbidden on invite', 'no --no-access-token given');
  }

  await checkDeclaredModel(h, env);

  await h.check('resend invitation → 200 with a fresh expiry', async (t) => {
    const user = await invite(t, env);
    const res = await t.send('admin', {
      method: 'POST',
      path: '/users/{id}/resend-invitation',
      params: { id: user.id },
    });
    t.expectStatus(res, 200);
    const resent = res.body as User;
    expect(resent.status === 'invited', `status is ${resent.status}`);
    expect(
      Date.parse(resent.inviteExpiresAt ?? '') >= Date.parse(user.inviteExpiresAt ?? ''),
      'the new expiry is earlier than the old one',
    );
  });

  await h.check('resend to an active user → 409 not_invited', async (t) => {
    const res = await t.send('admin', {
      method: 'GET',
      path: '/users',
      query: { status: 'active', limit: 200 },
    });
    t.expectStatus(res, 200);
    const self = env.me.admin?.user.id;
    const active = (res.body as Page<User>).items.find((u) => u.id !== self);
    expect(active, 'no active user besides the admin');
    const answer = await t.send('admin', {
      method: 'POST',
      path: '/users/{id}/resend-invitation',
      params: { id: active.id },
    });
    t.expectProblem(answer, 409, 'not_invited');
  });

  await h.check('resend to an unknown user → 404 not_found', async (t) => {
    const res = await t.send('admin', {
      method: 'POST',
      path: '/users/{id}/resend-invitation',
      params: { id: 'no-such-user-0' },
    });
    t.expectProblem(res, 404, 'not_found');
  });
}

/** Flags forced by a role, per-user flags, restrictions (choices, plan gates) and grants. */
async function checkDeclaredModel(h: Harness, env: Env): Promise<void> {
  const { topRole, inviteRole, workspace } = env;
  const forced = topRole.forcedFlags[0];
  if (forced) {
    await h.check(`inviting ${topRole.id} forces flag ${forced} on`, async (t) => {
      const user = await invite(t, env, {
        role: topRole.id,
        flags: { [forced]: false },
        label: 'forced',
      });
      expect(user.flags[forced] === true, `${forced} is ${String(user.flags[forced])}`);
    });
  } else {
    h.skip('role-forced flags', `role ${topRole.id} forces no flag`);
  }

  const flag = workspace.features.flags.find((f) => !inviteRole.forcedFlags.includes(f));
  if (flag) {
    await h.check(`per-user flag ${flag} is kept on invite`, async (t) => {
      const user = await invite(t, env, { flags: { [flag]: true }, label: 'flag' });
      expect(user.flags[flag] === true, `${flag} is ${String(user.flags[flag])}`);
    });
  } else {
    h.skip('per-user flags', 'the server declares no optional flag');
  }

  const choice = inviteRole.restrictions.find(
    (r) => r.kind === 'choice' && (r.options?.length ?? 0) > 1 && !r.plans,
  );
  if (choice) {
    const value = choice.options!.at(-1)!.value;
    await h.check(
      `restriction ${choice.id}=${value} is kept; an unknown option → 422`,
      async (t) => {
        const user = await invite(t, env, {
          restrictions: { [choice.id]: value },
          label: 'choice',
        });
        expect(
          user.restrictions[choice.id] === value,
          `${choice.id} is ${String(user.restrictions[choice.id])}`,
        );
        const res = await t.send('admin', {
          method: 'POST',
          path: '/invitations',
          body: {
            email: env.email('badchoice'),
            role: inviteRole.id,
            restrictions: { [choice.id]: 'no-such-option' },
          },
        });
        t.expectProblem(res, 422, 'validation_failed', `restrictions.${choice.id}`);
      },
    );
  } else {
    h.skip('choice restrictions', `role ${inviteRole.id} declares none`);
  }

  const gated = env.roles
    .flatMap((role) => role.restrictions.map((r) => ({ role, r })))
    .find(
      ({ role, r }) =>
        r.plans &&
        !r.plans.includes(workspace.plan) &&
        env.me.admin?.capabilities.inviteRoles.includes(role.id),
    );
  if (gated) {
    const { role, r } = gated;
    const value =
      r.kind === 'flag' ? !r.default : r.options?.find((o) => o.value !== r.default)?.value;
    await h.check(`plan-gated restriction ${r.id} off-plan → 422 validation_failed`, async (t) => {
      const res = await t.send('admin', {
        method: 'POST',
        path: '/invitations',
        body: { email: env.email('gated'), role: role.id, restrictions: { [r.id]: value } },
      });
      t.expectProblem(res, 422, 'validation_failed', `restrictions.${r.id}`);
    });
  } else {
    h.skip('plan-gated restrictions', `no restriction is gated away from plan ${workspace.plan}`);
  }

  const category = env.catalog.categories[0];
  if (workspace.features.permissions && category && !inviteRole.allPermissions) {
    await h.check(`grants on ${category.id} are kept on invite`, async (t) => {
      const user = await invite(t, env, {
        permissions: { [category.id]: ['view'] },
        label: 'grants',
      });
      expect(
        user.permissions[category.id]?.includes('view'),
        `grants are ${JSON.stringify(user.permissions)}`,
      );
    });
  } else {
    h.skip('fine-grained grants on invite', 'the server has no per-user permissions for this role');
  }
}
