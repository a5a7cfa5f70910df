/** The plan gate of "Mask phone number and email", switched with PATCH /mock/workspace over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Problem, Role, User, Workspace } from '../../src/api/types.js';
import { createMockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { fixedNow } from './helpers.js';

describe('the plan gate of "Mask phone number and email" (workspace preset)', () => {
  let running: RunningMock;
  const send = async <T>(method: string, path: string, body?: unknown): Promise<[number, T]> => {
    const res = await fetch(`${running.url}${path}`, {
      method,
      headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return [res.status, (text ? JSON.parse(text) : undefined) as T];
  };
  const setPlan = async (plan: string) => {
    const [status, workspace] = await send<Workspace>('PATCH', '/mock/workspace', { plan });
    assert.equal(status, 200);
    assert.equal(workspace.plan, plan);
  };
  const inviteMasked = (email: string) =>
    send<User | Problem>('POST', '/invitations', {
      email,
      role: 'agent',
      restrictions: { maskContactInfo: true },
    });

  before(async () => {
    running = await listen(createMockServer({ preset: 'workspace', now: fixedNow }));
  });
  after(() => running.close());

  it("is declared by the server: the agent's restriction, gated to advanced and enterprise", async () => {
    const [, roles] = await send<{ items: Role[] }>('GET', '/roles');
    const mask = roles.items
      .find((role) => role.id === 'agent')
      ?.restrictions.find((r) => r.id === 'maskContactInfo');
    assert.deepEqual(
      { name: mask?.name, plans: mask?.plans },
      { name: 'Mask phone number and email', plans: ['advanced', 'enterprise'] },
    );
    const [, workspace] = await send<Workspace>('GET', '/workspace');
    assert.equal(workspace.plan, 'basic', 'the preset starts where it is locked');
  });

  it('is refused on basic, granted on advanced and enterprise, refused again on basic', async () => {
    await setPlan('basic');
    const [locked, refusal] = await inviteMasked('masked.basic@example.com');
    assert.equal(locked, 422);
    assert.deepEqual(
      (refusal as Problem).errors?.map((e) => [e.field, e.code]),
      [['restrictions.maskContactInfo', 'plan_required']],
    );
    for (const plan of ['advanced', 'enterprise']) {
      await setPlan(plan);
      const [status, user] = await inviteMasked(`masked.${plan}@example.com`);
      assert.equal(status, 201, JSON.stringify(user));
      assert.equal((user as User).restrictions['maskContactInfo'], true);
    }
    await setPlan('basic');
    assert.equal((await inviteMasked('masked.again@example.com'))[0], 422);
    const [, workspace] = await send<Workspace>('GET', '/workspace');
    assert.equal(workspace.plan, 'basic');
  });

  it('takes only the plans the preset has', async () => {
    const [status, problem] = await send<Problem>('PATCH', '/mock/workspace', { plan: 'premium' });
    assert.equal(status, 422);
    assert.equal(problem.errors?.[0]?.field, 'plan');
  });
});
