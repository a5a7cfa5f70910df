/**
 * Role templates: CRUD with versions, validation, the manage permission, use on invitation and
 * what deleting a template does to the users holding it, `userCount`, and the `template.*` events.
 */
import type { RoleTemplate, User } from '../../../src/api/types.js';
import { getUser, invite, type Env } from '../env.js';
import { type Check, type Harness, expect } from '../harness.js';

/** Creates a template (201 expected); the check removes it when it ends. */
async function createTemplate(
  t: Check,
  env: Env,
  name = 'Conformance template',
): Promise<RoleTemplate> {
  const category = env.catalog.categories[0];
  const res = await t.send('admin', {
    method: 'POST',
    path: '/role-templates',
    body: {
      name,
      description: 'Made by the conformance suite',
      permissions: category ? { [category.id]: ['view'] } : {},
    },
  });
  t.expectStatus(res, 201);
  return res.body as RoleTemplate;
}

/** Runs the group. */
export async function checkTemplates(h: Harness, env: Env): Promise<void> {
  h.group('Role templates');
  if (!env.workspace.features.roleTemplates) {
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
    const template = await createTemplate(t, env);
    const res = await t.send('admin', { method: 'GET', path: '/role-templates' });
    t.expectStatus(res, 200);
    const items = (res.body as { items: RoleTemplate[] }).items;
    expect(
      items.some((x) => x.id === template.id),
      'the new template is not listed',
    );
  });

  for (const [label, body, field] of [
    ['blank name', { name: '  ', permissions: {} }, 'name'],
    ['missing permissions', { name: 'No grants' }, 'permissions'],
    ['unknown field', { name: 'Extra', permissions: {}, colour: 'red' }, 'colour'],
  ] as const) {
    await h.check(`POST /role-templates with ${label} → 422 (${field})`, async (t) => {
      const res = await t.send('admin', { method: 'POST', path: '/role-templates', body });
      t.expectProblem(res, 422, 'validation_failed', field);
    });
  }

  await h.check(
    'PATCH template: If-Match → 200 new version; stale → 412; missing → 422',
    async (t) => {
      const template = await createTemplate(t, env);
      const etag = `"${template.version}"`;
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
        'name or version unchanged',
      );
      const stale = await t.send('admin', {
        method: 'PATCH',
        ...byId(template.id),
        body: { name: 'Lost' },
        headers: { 'If-Match': etag },
      });
      t.expectProblem(stale, 412, 'version_conflict');
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
      const template = await createTemplate(t, env, 'Conformance counted');
      expect(template.userCount === 0, `a new template has userCount ${template.userCount}`);
      await invite(t, env, { roleTemplateId: template.id, label: 'counted1' });
      await invite(t, env, { roleTemplateId: template.id, label: 'counted2' });
      const count = await countOf(t, template.id);
      expect(count === 2, `userCount is ${count} after two invitations with the template`);
    },
  );

  await h.check('template.created / template.updated / template.removed arrive live', async (t) => {
    const stream = await t.openEvents('admin');
    const template = await createTemplate(t, env, 'Conformance live');
    const created = await stream.waitFor(
      (e) => e.event === 'template.created' && e.data.includes(`"${template.id}"`),
      5_000,
    );
    expect(created, `no template.created for ${template.id}`);
    const res = await t.send('admin', {
      method: 'PATCH',
      ...byId(template.id),
      body: { description: 'Changed live' },
      headers: { 'If-Match': `"${template.version}"` },
    });
    t.expectStatus(res, 200);
    const updated = await stream.waitFor(
      (e) => e.event === 'template.updated' && e.data.includes('Changed live'),
      5_000,
    );
    expect(updated, `no template.updated for ${template.id}`);
    const user = await invite(t, env, { roleTemplateId: template.id, label: 'livecount' });
    t.expectStatus(await t.send('admin', { method: 'DELETE', ...byId(template.id) }), 204);
    const removed = await stream.waitFor(
      (e) => e.event === 'template.removed' && e.data.includes(`"${template.id}"`),
      5_000,
    );
    expect(removed, `no template.removed for ${template.id}`);
    const detached = await stream.waitFor(
      (e) =>
        e.event === 'user.updated' &&
        e.data.includes(`"${user.id}"`) &&
        e.data.includes('"roleTemplateId":null'),
      5_000,
    );
    expect(detached, `no user.updated detaching ${user.id} from the deleted template`);
    for (const raw of stream.received) t.decodeEvent(raw);
  });

  await h.check('invite with roleTemplateId; deleting the template detaches it', async (t) => {
    const template = await createTemplate(t, env);
    const user = await invite(t, env, { roleTemplateId: template.id, label: 'templated' });
    expect(user.roleTemplateId === template.id, `roleTemplateId is ${user.roleTemplateId}`);
    t.expectStatus(await t.send('admin', { method: 'DELETE', ...byId(template.id) }), 204);
    const after: User = (await getUser(t, user.id)).user;
    expect(after.roleTemplateId === null, `roleTemplateId is still ${after.roleTemplateId}`);
    expect(
      after.version > user.version,
      `the detached user's version stayed ${after.version} (was ${user.version})`,
    );
    t.expectProblem(
      await t.send('admin', { method: 'DELETE', ...byId(template.id) }),
      404,
      'not_found',
    );
  });

  await h.check('invite with an unknown roleTemplateId → 422 (roleTemplateId)', async (t) => {
    const res = await t.send('admin', {
      method: 'POST',
      path: '/invitations',
      body: {
        email: env.email('notemplate'),
        role: env.inviteRole.id,
        roleTemplateId: 'no-such-template',
      },
    });
    t.expectProblem(res, 422, 'validation_failed', 'roleTemplateId');
  });

  await h.check('PATCH an unknown template → 404 not_found', async (t) => {
    const res = await t.send('admin', {
      method: 'PATCH',
      ...byId('no-such-template'),
      body: { name: 'x' },
      headers: { 'If-Match': '"1"' },
    });
    t.expectProblem(res, 404, 'not_found');
  });

  const outsider = (['limited', 'noAccess'] as const).find(
    (p) => env.api.has(p) && env.me[p]?.capabilities.manageTemplates === false,
  );
  if (outsider) {
    await h.check(
      `POST /role-templates as ${outsider} (no manageTemplates) → 403 forbidden`,
      async (t) => {
        const res = await t.send(outsider, {
          method: 'POST',
          path: '/role-templates',
          body: { name: 'Not mine', permissions: {} },
        });
        t.expectProblem(res, 403, 'forbidden');
      },
    );
  } else {
    h.skip('template management refused', 'no persona given that lacks manageTemplates');
  }
}
