/**
 * `POST /invitations` and `POST /users/{id}/resend-invitation`: the invited user, seats,
 * email normalisation and uniqueness, input validation, malformed JSON, media type, body size,
 * idempotency, role policy, forced flags, restrictions and grants.
 */
import type { Page, Role, User } from '../../../src/api/types.js';
import { getUser, grantableAction, invite, need, seats, type Env } from '../env.js';
import { type Harness, expect, skip } from '../harness.js';
import { describeAnswer } from '../http.js';

const post = (body: unknown, headers?: Record<string, string>) =>
  ({ method: 'POST', path: '/invitations', body, headers }) as const;

/** Runs the group. */
export async function checkInvitations(h: Harness, env: Env): Promise<void> {
  h.group('Invitations');

  await h.check('POST /invitations → 201 invited user, one more seat used', async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    const before = await seats(t);
    const email = env.email('Mixed.Case');
    const user = await invite(t, env, {
      email: `  ${email.toUpperCase()} `,
      name: 'Ana Conformance',
    });
    const got = `got ${JSON.stringify({ status: user.status, email: user.email, role: user.role, name: user.name })}`;
    expect(user.status === 'invited', `expected status invited, ${got}`);
    expect(
      user.email.toLowerCase() === email.toLowerCase(),
      `expected the email trimmed (${email}, any case), ${got}`,
    );
    expect(
      user.role === inviteRole.id && user.name === 'Ana Conformance',
      `expected role ${inviteRole.id} and name "Ana Conformance", ${got}`,
    );
    // Both are nullable (a server may send invitations that never expire).
    if (user.invitedAt && user.inviteExpiresAt)
      expect(
        Date.parse(user.inviteExpiresAt) > Date.parse(user.invitedAt),
        `expected inviteExpiresAt after invitedAt ${user.invitedAt}, got ${user.inviteExpiresAt}`,
      );
    const after = await seats(t);
    expect(
      after.used === before.used + 1,
      `expected seats.used ${before.used + 1} (${before.used} before the invitation), got ${after.used}`,
    );
    const read = await getUser(t, user.id);
    expect(
      read.user.email === user.email,
      `expected GET /users/{id} to say ${user.email} as the invitation answer did, got ${read.user.email}`,
    );
  });

  await h.check('email taken (other case, spaces) → 409 email_taken', async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    const user = await invite(t, env);
    const res = await t.send(
      'admin',
      post({ email: ` ${user.email.toUpperCase()}  `, role: inviteRole.id }),
    );
    t.expectProblem(res, 409, 'email_taken');
  });

  const invalid: [string, (role: Role) => unknown, string, string?][] = [
    ['invalid email', (r) => ({ email: 'not an email', role: r.id }), 'email', 'invalid_email'],
    ['missing email', (r) => ({ role: r.id }), 'email'],
    ['missing role', () => ({ email: env.email('norole') }), 'role'],
    ['unknown role', () => ({ email: env.email('badrole'), role: 'no-such-role' }), 'role'],
    ['wrong type', (r) => ({ email: 42, role: r.id }), 'email'],
    ['unknown field', (r) => ({ email: env.email('extra'), role: r.id, shoeSize: 44 }), 'shoeSize'],
    ['an array for a body', () => [], 'body'],
  ];
  for (const [label, body, field, code] of invalid) {
    await h.check(`${label} → 422 validation_failed (${field})`, async (t) => {
      const { inviteRole } = need(env, 'inviteRole');
      const res = await t.send('admin', post(body(inviteRole)));
      t.expectProblem(res, 422, 'validation_failed', field);
      if (code) {
        const errors = (res.body as { errors: { field: string; code: string }[] }).errors;
        const error = errors.find((e) => e.field === field);
        expect(
          error?.code === code,
          `expected errors[] code ${code} for ${field}, got ${error?.code}`,
          res,
        );
      }
    });
  }

  await h.check('malformed JSON or an empty body → 400 bad_request', async (t) => {
    for (const rawBody of ['{"email":', '']) {
      t.step(rawBody ? 'a syntax error' : 'an empty body');
      t.expectProblem(
        await t.send('admin', { method: 'POST', path: '/invitations', rawBody }),
        400,
        'bad_request',
      );
    }
  });

  await h.check(
    'a body sent as text/plain → 415 unsupported_media_type, nobody invited',
    async (t) => {
      const { inviteRole } = need(env, 'inviteRole');
      const email = env.email('textplain');
      const res = await t.send('admin', {
        method: 'POST',
        path: '/invitations',
        rawBody: JSON.stringify({ email, role: inviteRole.id }),
        contentType: 'text/plain',
      });
      t.expectProblem(res, 415, 'unsupported_media_type');
      t.step('look the address up');
      const found = await t.send('admin', { method: 'GET', path: '/users', query: { q: email } });
      t.expectStatus(found, 200);
      const total = (found.body as Page<User>).total;
      expect(total === 0, `expected nobody with ${email}, got ${total}`, found);
    },
  );

  await h.check("a body over the server's limit → 413 payload_too_large", async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    // The limit is the server's (the mock's is 64 KB): under it, the body is simply handled.
    for (const size of [70_000, 1_100_000]) {
      t.step(`a name of ${size} characters`);
      const body = { email: env.email(`big${size}`), role: inviteRole.id, name: 'x'.repeat(size) };
      const res = await t.send('admin', post(body));
      if (res.status === 413) {
        t.expectProblem(res, 413, 'payload_too_large');
        t.note(`refused at ${size / 1000} KB`);
        return;
      }
      expect(
        res.status === 201 || res.status === 422,
        `expected 413 payload_too_large, or 201 / 422 (under the server's limit), got ${describeAnswer(res)}`,
        res,
      );
    }
    t.note('1.1 MB accepted: the limit is higher');
  });

  await h.check('Idempotency-Key replay returns the same user, never a second one', async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    const key = `conformance-${env.email('key')}`;
    const body = { email: env.email('idem'), role: inviteRole.id };
    const headers = { 'Idempotency-Key': key };
    t.step('first send');
    const first = await t.send('admin', post(body, headers));
    t.expectStatus(first, 201);
    const firstId = (first.body as User).id;
    t.step('replay: same key, same body');
    const again = await t.send('admin', post(body, headers));
    t.expectStatus(again, 201);
    const againId = (again.body as User).id;
    expect(
      againId === firstId,
      `expected the first send's user ${firstId} again, got ${againId} (a second user)`,
      again,
    );
    t.step('count the users with that email');
    const found = await t.send('admin', {
      method: 'GET',
      path: '/users',
      query: { q: body.email },
    });
    t.expectStatus(found, 200);
    const total = (found.body as Page<User>).total;
    expect(total === 1, `expected 1 user with ${body.email}, got ${total}`, found);
    t.step('same key, different body');
    const other = await t.send('admin', post({ ...body, name: 'Changed' }, headers));
    t.expectProblem(other, 422, 'validation_failed', 'Idempotency-Key');
  });

  await h.check('limited persona inviting the top role → 403 role_not_assignable', async (t) => {
    const { me, topRole } = need(env, 'me.limited', 'topRole');
    if (me.limited.capabilities.inviteRoles.includes(topRole.id))
      skip(`the limited persona lists the top role ${topRole.id} in inviteRoles`);
    const res = await t.send('limited', post({ email: env.email('top'), role: topRole.id }));
    t.expectProblem(res, 403, 'role_not_assignable');
  });

  await h.check('limited persona may invite a role it lists in inviteRoles', async (t) => {
    const { me } = need(env, 'me.limited');
    const role = me.limited.capabilities.inviteRoles[0];
    if (!role) skip('the limited persona lists no role in inviteRoles');
    const user = await invite(t, env, { role, label: 'bylimited' }, 'limited');
    expect(user.role === role, `expected role ${role}, got ${user.role}`);
  });

  await h.check('persona who may not invite → 403 forbidden', async (t) => {
    const { inviteRole } = need(env, 'noAccess', 'inviteRole');
    const res = await t.send(
      'noAccess',
      post({ email: env.email('noaccess'), role: inviteRole.id }),
    );
    t.expectProblem(res, 403, 'forbidden');
  });

  await checkDeclaredModel(h, env);

  await h.check(
    'resend invitation → 200 with a fresh expiry (if allowedActions offers it)',
    async (t) => {
      const user = await invite(t, env);
      const res = await t.send('admin', {
        method: 'POST',
        path: '/users/{id}/resend-invitation',
        params: { id: user.id },
      });
      if (!user.allowedActions.resendInvitation) {
        t.note('allowedActions.resendInvitation is false: only checked that it is refused');
        t.expectProblem(res, 403, 'forbidden');
        return;
      }
      t.expectStatus(res, 200);
      const resent = res.body as User;
      expect(resent.status === 'invited', `expected status invited, got ${resent.status}`, res);
      // Either may be null: an invitation that never expires.
      if (resent.inviteExpiresAt && user.inviteExpiresAt)
        expect(
          Date.parse(resent.inviteExpiresAt) >= Date.parse(user.inviteExpiresAt),
          `expected an expiry no earlier than ${user.inviteExpiresAt}, got ${resent.inviteExpiresAt}`,
          res,
        );
    },
  );

  await h.check('resend to an active user → 409 not_invited', async (t) => {
    const res = await t.send('admin', {
      method: 'GET',
      path: '/users',
      query: { status: 'active', limit: 200 },
    });
    t.expectStatus(res, 200);
    const self = env.me.admin?.user.id;
    const others = (res.body as Page<User>).items.filter((u) => u.id !== self);
    const active = others.find((u) => u.allowedActions.edit) ?? others[0];
    if (!active) skip('no active user besides the admin');
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
  await h.check('inviting the top role forces its flags on', async (t) => {
    const { topRole, me } = need(env, 'topRole', 'me.admin');
    const forced = topRole.forcedFlags[0];
    if (!forced) skip(`role ${topRole.id} forces no flag`);
    if (!me.admin.capabilities.inviteRoles.includes(topRole.id))
      skip(`the admin persona may not invite the top role ${topRole.id}`);
    const user = await invite(t, env, {
      role: topRole.id,
      flags: { [forced]: false },
      label: 'forced',
    });
    expect(
      user.flags[forced] === true,
      `expected flag ${forced} on (forced by ${topRole.id}, sent false), got ${String(user.flags[forced])}`,
    );
    t.note(`${topRole.id} forces ${forced}`);
  });

  await h.check('a per-user flag the admin holds is kept on invite', async (t) => {
    const { workspace, inviteRole, me } = need(env, 'workspace', 'inviteRole', 'me.admin');
    // Only a flag the actor holds itself may be turned on (FlagValues).
    const flag = workspace.features.flags.find(
      (f) => !inviteRole.forcedFlags.includes(f) && me.admin.user.flags[f] === true,
    );
    if (!flag) skip('the server declares no optional flag that the admin persona holds');
    const user = await invite(t, env, { flags: { [flag]: true }, label: 'flag' });
    expect(user.flags[flag] === true, `expected flag ${flag} on, got ${String(user.flags[flag])}`);
    t.note(flag);
  });

  await h.check('a choice restriction is kept; an unknown option → 422', async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    const choice = inviteRole.restrictions.find(
      (r) => r.kind === 'choice' && (r.options?.length ?? 0) > 1 && !r.plans,
    );
    if (!choice) skip(`role ${inviteRole.id} declares no choice restriction open to every plan`);
    const value = choice.options!.at(-1)!.value;
    t.note(`${choice.id}=${value}`);
    t.step(`invite with ${choice.id}=${value}`);
    const user = await invite(t, env, { restrictions: { [choice.id]: value }, label: 'choice' });
    expect(
      user.restrictions[choice.id] === value,
      `expected restrictions.${choice.id} ${value}, got ${String(user.restrictions[choice.id])}`,
    );
    t.step(`invite with ${choice.id}=no-such-option`);
    const res = await t.send(
      'admin',
      post({
        email: env.email('badchoice'),
        role: inviteRole.id,
        restrictions: { [choice.id]: 'no-such-option' },
      }),
    );
    t.expectProblem(res, 422, 'validation_failed', `restrictions.${choice.id}`);
  });

  await h.check('a plan-gated restriction set off its plans → 422 validation_failed', async (t) => {
    const { roles, workspace, me } = need(env, 'roles', 'workspace', 'me.admin');
    const gated = roles
      .filter((role) => me.admin.capabilities.inviteRoles.includes(role.id))
      .flatMap((role) => role.restrictions.map((r) => ({ role, r })))
      .map(({ role, r }) => ({
        role,
        r,
        value:
          r.kind === 'flag' ? !r.default : r.options?.find((o) => o.value !== r.default)?.value,
      }))
      .find(({ r, value }) => r.plans && !r.plans.includes(workspace.plan) && value !== undefined);
    if (!gated) skip(`no restriction the admin may set is gated away from plan ${workspace.plan}`);
    const { role, r, value } = gated;
    t.note(`${role.id}: ${r.id}`);
    const res = await t.send(
      'admin',
      post({ email: env.email('gated'), role: role.id, restrictions: { [r.id]: value } }),
    );
    t.expectProblem(res, 422, 'validation_failed', `restrictions.${r.id}`);
  });

  await h.check('a grant the admin may give is kept on invite', async (t) => {
    const { inviteRole } = need(env, 'features.permissions', 'inviteRole', 'catalog');
    if (inviteRole.allPermissions) skip(`role ${inviteRole.id} holds every permission already`);
    const grant = grantableAction(env);
    if (!grant) skip('the catalog has no action the admin persona may grant');
    const { category, action } = grant;
    const user = await invite(t, env, { permissions: { [category]: [action] }, label: 'grants' });
    expect(
      user.permissions[category]?.includes(action),
      `expected permissions.${category} to include ${action}, got ${JSON.stringify(user.permissions)}`,
    );
    t.note(`${category}: ${action}`);
  });
}
