/**
 * Role templates: CRUD with versions, validation, the manage permission, use on invitation and
 * what deleting a template does to the users holding it, `userCount`, and the `template.*` events.
 */
import type { RoleTemplate, User } from '../../../src/api/types.js';
import { getUser, grantableAction, invite, need, type Env } from '../env.js';
import { type Check, type Harness, expect, skip } from '../harness.js';
import { eventOf } from '../sse.js';

/** Creates a template (201 expected) with a grant the admin may give; removed when the check ends. */
async function createTemplate(
  t: Check,
  env: Env,
  name = 'Conformance template',
): Promise<RoleTemplate> {
  need(env, 'catalog');
  const grant = grantableAction(env);
  const res = await t.send('admin', {
    method: 'POST',
    path: '/role-templates',
    body: {
      name,
      description: 'Made by the conformance suite',
      permissions: grant ? { [grant.category]: [grant.action] } : {},
    },
  });
  t.expectStatus(res, 201);
  return res.body as RoleTemplate;
}

/** Runs the group. */
export async function checkTemplates(h: Harness, env: Env): Promise<void> {
  h.group('Role templates');
  if (env.workspace && !env.workspace.features.roleTemplates) {
    await h.check('GET /role-templates without the feature → 404 not_found', async (t) => {
      t.expectProblem(
        await t.send('admin', { method: 'GET', path: '/role-templates' }),
        404,
        'not_found',
      );
    });
    return;
  }
  const byId = (id: string) => ({ path: '/role-templates/{id}', params: { id } }) as const;

  await h.check('POST /role-templates → 201; it is listed by GET', async (t) => {
    need(env, 'features.roleTemplates');
    const template = await createTemplate(t, env);
    const res = await t.send('admin', { method: 'GET', path: '/role-templates' });
    t.expectStatus(res, 200);
    const items = (res.body as { items: RoleTemplate[] }).items;
    expect(
      items.some((x) => x.id === template.id),
      `expected the new template ${template.id} listed, got [${items.map((x) => x.id).join(', ')}]`,
      res,
    );
  });

  for (const [label, body, field] of [
    ['blank name', { name: '  ', permissions: {} }, 'name'],
    ['missing permissions', { name: 'No grants' }, 'permissions'],
    ['unknown field', { name: 'Extra', permissions: {}, colour: 'red' }, 'colour'],
  ] as const) {
    await h.check(`POST /role-templates with ${label} → 422 (${field})`, async (t) => {
      need(env, 'features.roleTemplates');
      const res = await t.send('admin', { method: 'POST', path: '/role-templates', body });
      t.expectProblem(res, 422, 'validation_failed', field);
    });
  }

  await h.check(
    'PATCH template: If-Match → 200 new version; stale → 412; missing → 422',
    async (t) => {
      need(env, 'features.roleTemplates');
      const template = await createTemplate(t, env);
      const etag = `"${template.version}"`;
      t.step('PATCH with the current version');
      const res = await t.send('admin', {
        method: 'PATCH',
        ...byId(template.id),
        body: { name: 'Renamed template' },
        headers: { 'If-Match': etag },
      });
      t.expectStatus(res, 200);
      const changed = res.body as RoleTemplate;
      expect(
        changed.name === 'Renamed template' && changed.version > template.version,
        `expected name "Renamed template" and a version above ${template.version}, got "${changed.name}" version ${changed.version}`,
        res,
      );
      t.step('PATCH again with the old version');
      const stale = await t.send('admin', {
        method: 'PATCH',
        ...byId(template.id),
        body: { name: 'Lost' },
        headers: { 'If-Match': etag },
      });
      t.expectProblem(stale, 412, 'version_conflict');
      t.step('PATCH without If-Match');
      const bare = await t.send('admin', {
        method: 'PATCH',
        ...byId(template.id),
        body: { name: 'Lost' },
      });
      t.expectProblem(bare, 422, 'validation_failed', 'If-Match');
    },
  );

  const countOf = async (t: Check, id: string): Promise<number | undefined> => {
    const res = await t.send('admin', { method: 'GET', path: '/role-templates' });
    t.expectStatus(res, 200);
    return (res.body as { items: RoleTemplate[] }).items.find((x) => x.id === id)?.userCount;
  };

  await h.check(
    'userCount counts the holders: 0 when new, +1 per user invited with it',
    async (t) => {
      need(env, 'features.roleTemplates');
      const template = await createTemplate(t, env, 'Conformance counted');
      expect(
        template.userCount === 0,
        `expected userCount 0 on a new template, got ${template.userCount}`,
      );
      await invite(t, env, { roleTemplateId: template.id, label: 'counted1' });
      await invite(t, env, { roleTemplateId: template.id, label: 'counted2' });
      const count = await countOf(t, template.id);
      expect(
        count === 2,
        `expected userCount 2 after two invitations with the template, got ${count}`,
      );
    },
  );

  await h.check('template.created / template.updated / template.removed arrive live', async (t) => {
    need(env, 'features.roleTemplates');
    const stream = await t.openEvents('admin');
    const template = await createTemplate(t, env, 'Conformance live');
    const created = await stream.waitFor(
      eventOf<{ template: RoleTemplate }>('template.created', (d) => d.template.id === template.id),
      5_000,
    );
    expect(created, `expected template.created for ${template.id} within 5 s, got none`);
    const res = await t.send('admin', {
      method: 'PATCH',
      ...byId(template.id),
      body: { description: 'Changed live' },
      headers: { 'If-Match': `"${template.version}"` },
    });
    t.expectStatus(res, 200);
    const updated = await stream.waitFor(
      eventOf<{ template: RoleTemplate }>(
        'template.updated',
        (d) => d.template.id === template.id && d.template.description === 'Changed live',
      ),
      5_000,
    );
    expect(
      updated,
      `expected template.updated for ${template.id} with the new description within 5 s, got none`,
    );
    const user = await invite(t, env, { roleTemplateId: template.id, label: 'livecount' });
    t.expectStatus(await t.send('admin', { method: 'DELETE', ...byId(template.id) }), 204);
    const removed = await stream.waitFor(
      eventOf<{ templateId: string }>('template.removed', (d) => d.templateId === template.id),
      5_000,
    );
    expect(removed, `expected template.removed for ${template.id} within 5 s, got none`);
    const detached = await stream.waitFor(
      eventOf<{ user: User }>(
        'user.updated',
        (d) => d.user.id === user.id && d.user.roleTemplateId === null,
      ),
      5_000,
    );
    expect(
      detached,
      `expected user.updated for ${user.id} with roleTemplateId null within 5 s, got none`,
    );
    for (const raw of stream.received) t.decodeEvent(raw);
  });

  await h.check('invite with roleTemplateId; deleting the template detaches it', async (t) => {
    need(env, 'features.roleTemplates');
    const template = await createTemplate(t, env);
    const user = await invite(t, env, { roleTemplateId: template.id, label: 'templated' });
    expect(
      user.roleTemplateId === template.id,
      `expected roleTemplateId ${template.id}, got ${user.roleTemplateId}`,
    );
    t.step('delete the template');
    t.expectStatus(await t.send('admin', { method: 'DELETE', ...byId(template.id) }), 204);
    t.step('read the user back');
    const after: User = (await getUser(t, user.id)).user;
    expect(
      after.roleTemplateId === null,
      `expected roleTemplateId null, got ${after.roleTemplateId}`,
    );
    expect(
      after.version > user.version,
      `expected the detached user's version above ${user.version}, got ${after.version}`,
    );
    t.step('delete the template again');
    t.expectProblem(
      await t.send('admin', { method: 'DELETE', ...byId(template.id) }),
      404,
      'not_found',
    );
  });

  await h.check('invite with an unknown roleTemplateId → 422 (roleTemplateId)', async (t) => {
    const { inviteRole } = need(env, 'features.roleTemplates', 'inviteRole');
    const res = await t.send('admin', {
      method: 'POST',
      path: '/invitations',
      body: {
        email: env.email('notemplate'),
        role: inviteRole.id,
        roleTemplateId: 'no-such-template',
      },
    });
    t.expectProblem(res, 422, 'validation_failed', 'roleTemplateId');
  });

  await h.check('PATCH an unknown template → 404 not_found', async (t) => {
    need(env, 'features.roleTemplates');
    const res = await t.send('admin', {
      method: 'PATCH',
      ...byId('no-such-template'),
      body: { name: 'x' },
      headers: { 'If-Match': '"1"' },
    });
    t.expectProblem(res, 404, 'not_found');
  });

  await h.check(
    'POST /role-templates by a persona without manageTemplates → 403 forbidden',
    async (t) => {
      need(env, 'features.roleTemplates');
      const outsider = (['limited', 'noAccess', 'noExport'] as const).find(
        (p) => env.me[p]?.capabilities.manageTemplates === false,
      );
      if (!outsider) skip('no persona given whose GET /me says manageTemplates false');
      t.note(outsider);
      const res = await t.send(outsider, {
        method: 'POST',
        path: '/role-templates',
        body: { name: 'Not mine', permissions: {} },
      });
      t.expectProblem(res, 403, 'forbidden');
    },
  );
}
