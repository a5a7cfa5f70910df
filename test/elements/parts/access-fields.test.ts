import { expect, fixtureSync, html } from '@open-wc/testing';
import { render } from 'lit';
import type { TemplateResult } from 'lit';
import type { PermissionCatalog, Role, RoleTemplate, Workspace } from '../../../src/api/types.js';
import {
  accessPaths,
  defaultAccess,
  renderAccessFields,
  renderRoleName,
  renderRolePicker,
} from '../../../src/elements/parts/access-fields.js';
import type { AccessValue } from '../../../src/elements/parts/access-fields.js';
import type { PresetName } from '../../../src/mock/index.js';
import { loadAll } from '../../../src/store/index.js';
import { hostileStrings, pwned } from '../hostile.js';
import { mockStore } from '../../store/mock-helpers.js';

interface Model {
  roles: Role[];
  workspace: Workspace;
  catalog: PermissionCatalog | null;
  templates: RoleTemplate[];
  role: (id: string) => Role;
}

/** What the mock serves for `preset`, as the store loads it. */
async function model(preset: PresetName, persona: string): Promise<Model> {
  const { store } = mockStore({ preset }, persona);
  await loadAll(store);
  const roles = store.$roles.get();
  return {
    roles,
    workspace: store.$workspace.get()!,
    catalog: store.$catalog.get(),
    templates: store.$templates.get(),
    role: (id) => roles.find((role) => role.id === id)!,
  };
}

/** Renders a template into a fresh container (no animation frame needed). */
function mount(template: TemplateResult): HTMLElement {
  const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
  render(template, container);
  return container;
}

/** Renders the access fields for `role`, re-rendering on every change; `values` records them. */
function mountAccess(
  m: Model,
  roleId: string,
  extra: { errors?: Record<string, string>; held?: Record<string, boolean> } = {},
) {
  const role = m.role(roleId);
  const values: AccessValue[] = [];
  const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
  const draw = (value: AccessValue) =>
    render(
      renderAccessFields({
        role,
        workspace: m.workspace,
        catalog: m.catalog,
        templates: m.templates,
        value,
        errors: extra.errors,
        held: extra.held,
        onChange: (next) => {
          values.push(next);
          draw(next);
        },
      }),
      container,
    );
  draw(defaultAccess(role, m.workspace));
  return { container, values, last: () => values[values.length - 1]! };
}

const q = <E extends Element = HTMLElement>(root: ParentNode, selector: string) => {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector}`);
  return found;
};

describe('access fields', () => {
  let workspace: Model;
  let tenant: Model;
  before(async () => {
    workspace = await model('workspace', 'owner');
    tenant = await model('tenant', 'admin');
  });

  describe('defaultAccess', () => {
    it("gives a role its restrictions' defaults, no template and no flags", () => {
      expect(defaultAccess(workspace.role('agent'), workspace.workspace)).to.deep.equal({
        role: 'agent',
        roleTemplateId: null,
        flags: {},
        restrictions: { contactVisibility: 'all', hideWorkflows: false, maskContactInfo: false },
      });
      expect(
        defaultAccess(workspace.role('owner'), workspace.workspace).restrictions,
      ).to.deep.equal({});
    });

    it('turns forced flags on and the others off', () => {
      expect(defaultAccess(tenant.role('admin'), tenant.workspace).flags).to.deep.equal({
        crmAccess: true,
      });
      expect(defaultAccess(tenant.role('user'), tenant.workspace).flags).to.deep.equal({
        crmAccess: false,
      });
    });

    it('keeps the compatible choices of the previous value when switching role', () => {
      const agent = workspace.role('agent');
      const previous: AccessValue = {
        role: 'agent',
        roleTemplateId: null,
        flags: {},
        restrictions: { contactVisibility: 'self', hideWorkflows: true, maskContactInfo: true },
      };
      // Same role: kept, except what the plan does not allow.
      expect(defaultAccess(agent, workspace.workspace, previous).restrictions).to.deep.equal({
        contactVisibility: 'self',
        hideWorkflows: true,
        maskContactInfo: false,
      });
      // Another role: only its own restrictions, at their defaults.
      const manager = defaultAccess(workspace.role('manager'), workspace.workspace, previous);
      expect(manager.role).to.equal('manager');
      expect(manager.restrictions).to.deep.equal({
        noWorkspaceSettings: false,
        noContactDeletion: false,
        noDataExport: false,
        noIntegrations: false,
      });
      // A value the role does not offer is not kept.
      const odd = { ...previous, restrictions: { contactVisibility: 'nobody' } };
      expect(
        defaultAccess(agent, workspace.workspace, odd).restrictions['contactVisibility'],
      ).to.equal('all');
    });

    it('does not carry a flag the previous role forced over to a role that does not', () => {
      const admin = defaultAccess(tenant.role('admin'), tenant.workspace);
      const back = defaultAccess(
        tenant.role('user'),
        tenant.workspace,
        admin,
        tenant.role('admin'),
      );
      expect(back.flags).to.deep.equal({ crmAccess: false });
      // A flag chosen for a user survives a switch to a role that does not force it.
      const chosen = {
        ...defaultAccess(tenant.role('user'), tenant.workspace),
        flags: { crmAccess: true },
      };
      expect(
        defaultAccess(tenant.role('user'), tenant.workspace, chosen, tenant.role('user')).flags,
      ).to.deep.equal({ crmAccess: true });
    });

    it('keeps the template for roles that use templates and drops it for all-permission roles', () => {
      const templateId = tenant.templates[0]!.id;
      const previous: AccessValue = {
        role: 'user',
        roleTemplateId: templateId,
        flags: { crmAccess: true },
        restrictions: {},
      };
      expect(
        defaultAccess(tenant.role('user'), tenant.workspace, previous).roleTemplateId,
      ).to.equal(templateId);
      expect(defaultAccess(tenant.role('admin'), tenant.workspace, previous).roleTemplateId).to.be
        .null;
    });
  });

  describe('renderRolePicker', () => {
    it('offers only the allowed roles, in order, each with its description', async () => {
      const changes: string[] = [];
      const container = mount(
        renderRolePicker({
          roles: workspace.roles,
          allowed: ['agent', 'manager'],
          value: 'agent',
          onChange: (role) => changes.push(role),
        }),
      );
      const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      expect(radios.map((r) => r.value)).to.deep.equal(['manager', 'agent']);
      expect(radios.map((r) => r.checked)).to.deep.equal([false, true]);
      expect(q(container, 'legend').textContent).to.equal('Access level');
      expect(q(container, '[part="role-picker"]').textContent).to.contain(
        workspace.role('manager').description,
      );
      expect(container.querySelectorAll('[part="role-option"]')).to.have.length(2);
      const describedBy = radios[0]!.getAttribute('aria-describedby')!;
      expect(container.querySelector(`#${CSS.escape(describedBy)}`)!.textContent).to.equal(
        workspace.role('manager').description,
      );
      radios[0]!.click();
      expect(changes).to.deep.equal(['manager']);
      await expect(container).to.be.accessible();
    });

    it('shows an error tied to the group, a custom label, and can be disabled', async () => {
      const container = mount(
        renderRolePicker({
          roles: tenant.roles,
          allowed: ['admin', 'user'],
          value: 'user',
          label: 'New role',
          disabled: true,
          error: 'You may not give that role.',
          onChange: () => undefined,
        }),
      );
      const group = q<HTMLFieldSetElement>(container, 'fieldset');
      expect(group.disabled).to.be.true;
      expect(group.getAttribute('aria-invalid')).to.equal('true');
      expect(q(container, `#${group.getAttribute('aria-describedby')!}`).textContent).to.equal(
        'You may not give that role.',
      );
      expect(q(container, 'legend').textContent).to.equal('New role');
      await expect(container).to.be.accessible();
    });

    it('says so when no role may be given', () => {
      const container = mount(
        renderRolePicker({
          roles: tenant.roles,
          allowed: [],
          value: '',
          onChange: () => undefined,
        }),
      );
      expect(container.querySelector('input')).to.be.null;
      expect(container.textContent).to.contain('You may not give any role.');
    });

    it('renders hostile role names and descriptions as text', () => {
      const hostile: Role = {
        ...tenant.role('user'),
        name: hostileStrings.markup,
        description: hostileStrings.script,
      };
      const container = mount(
        renderRolePicker({
          roles: [hostile],
          allowed: ['user'],
          value: 'user',
          onChange: () => undefined,
        }),
      );
      expect(container.querySelector('img, script, b')).to.be.null;
      expect(container.textContent).to.contain(hostileStrings.markup);
      expect(pwned()).to.be.false;
    });
  });

  describe('renderAccessFields', () => {
    it("renders an agent's restrictions: a choice, a flag and a plan-gated flag", async () => {
      const { container, last } = mountAccess(workspace, 'agent');
      expect(q(container, '[part="restrictions"] > legend').textContent).to.contain('Agent');
      const choice = q(container, '[part="restriction"][role="radiogroup"]');
      expect(choice.querySelector('legend')!.textContent).to.equal('Contact visibility');
      expect(
        [...choice.querySelectorAll<HTMLInputElement>('input')].map((i) => [i.value, i.checked]),
      ).to.deep.equal([
        ['all', true],
        ['teamAndSelf', false],
        ['self', false],
      ]);
      q<HTMLInputElement>(container, 'input[value="teamAndSelf"]').click();
      expect(last().restrictions['contactVisibility']).to.equal('teamAndSelf');
      q<HTMLInputElement>(container, 'input[name="restrictions.hideWorkflows"]').click();
      expect(last().restrictions).to.deep.equal({
        contactVisibility: 'teamAndSelf',
        hideWorkflows: true,
        maskContactInfo: false,
      });
      const mask = q<HTMLInputElement>(container, 'input[name="restrictions.maskContactInfo"]');
      expect(mask.disabled).to.be.true;
      const reasonId = mask.getAttribute('aria-describedby')!.split(' ')[1]!;
      expect(container.querySelector(`[id="${reasonId}"]`)!.textContent).to.equal(
        'Available on the Advanced or Enterprise plan.',
      );
      expect(container.querySelector('[part="template-picker"]')).to.be.null;
      expect(container.querySelector('[part="flags"]')).to.be.null;
      await expect(container).to.be.accessible();
    });

    it("renders a manager's four restriction flags, and none for an owner", () => {
      const manager = mountAccess(workspace, 'manager');
      expect(manager.container.querySelectorAll('[part="restriction"]')).to.have.length(4);
      const owner = mountAccess(workspace, 'owner');
      expect(owner.container.querySelector('[part="restrictions"]')).to.be.null;
    });

    it('renders nothing for restrictions when the workspace does not use them', () => {
      const off: Model = {
        ...workspace,
        workspace: {
          ...workspace.workspace,
          features: { ...workspace.workspace.features, restrictions: false },
        },
      };
      const { container } = mountAccess(off, 'agent');
      expect(container.querySelector('[part="restrictions"]')).to.be.null;
      expect(defaultAccess(off.role('agent'), off.workspace).restrictions).to.deep.equal({});
    });

    it('offers templates (with None) and a CRM access flag for a tenant user', async () => {
      const { container, last } = mountAccess(tenant, 'user');
      const select = q<HTMLSelectElement>(container, '[part="template-picker"] select');
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
        'None',
        ...tenant.templates.map((t) => t.name),
      ]);
      expect(q(container, 'label[for="roleTemplateId"]').textContent).to.equal('Role template');
      const chosen = tenant.templates[1]!;
      select.value = chosen.id;
      select.dispatchEvent(new Event('change'));
      expect(last().roleTemplateId).to.equal(chosen.id);
      expect(q(container, '#roleTemplateId-hint').textContent).to.equal(chosen.description);
      select.value = '';
      select.dispatchEvent(new Event('change'));
      expect(last().roleTemplateId).to.be.null;
      const crm = q<HTMLInputElement>(container, 'input[name="flags.crmAccess"]');
      expect(crm.disabled).to.be.false;
      expect(q(container, '[part="flag"]').textContent).to.contain('CRM access');
      crm.click();
      expect(last().flags).to.deep.equal({ crmAccess: true });
      await expect(container).to.be.accessible();
    });

    it('says a flag the role forces in a line, with no checkbox; no template for admins', async () => {
      const { container } = mountAccess(tenant, 'admin');
      expect(container.querySelector('input[name="flags.crmAccess"]')).to.be.null;
      expect(q(container, '[part="flag-forced"]').textContent!.trim()).to.equal(
        'Users with the Admin role always have CRM access.',
      );
      expect(container.querySelector('[part="template-picker"]')).to.be.null;
      await expect(container).to.be.accessible();
    });

    it('disables a flag the actor does not hold, saying why (the server would refuse it)', async () => {
      const { container } = mountAccess(tenant, 'user', { held: { crmAccess: false } });
      const crm = q<HTMLInputElement>(container, 'input[name="flags.crmAccess"]');
      expect(crm.disabled).to.be.true;
      expect(q(container, '[part="flag-reason"]').textContent).to.equal(
        'Only someone who has CRM access can change it.',
      );
      expect(crm.getAttribute('aria-describedby')).to.contain('flags.crmAccess-reason');
      await expect(container).to.be.accessible();
      const holder = mountAccess(tenant, 'user', { held: { crmAccess: true } });
      expect(q<HTMLInputElement>(holder.container, 'input[name="flags.crmAccess"]').disabled).to.be
        .false;
    });

    it('ties field errors to their fields', async () => {
      const { container } = mountAccess(tenant, 'user', {
        errors: {
          roleTemplateId: 'That template is gone.',
          'flags.crmAccess': 'Not on this plan.',
        },
      });
      const select = q(container, '[part="template-picker"] select');
      expect(select.getAttribute('aria-invalid')).to.equal('true');
      expect(select.getAttribute('aria-describedby')).to.contain('roleTemplateId-error');
      expect(q(container, '#roleTemplateId-error').textContent).to.equal('That template is gone.');
      const crm = q(container, 'input[name="flags.crmAccess"]');
      expect(crm.getAttribute('aria-invalid')).to.equal('true');
      expect(container.querySelector('[id="flags.crmAccess-error"]')!.textContent).to.equal(
        'Not on this plan.',
      );
      await expect(container).to.be.accessible();
    });
  });

  describe('shapes the contract allows', () => {
    /** `m` with the agent's Contact visibility (a choice) given `options`. */
    const optionless = (m: Model, options?: []): Model => {
      const roles: Role[] = structuredClone(m.roles);
      const agent = roles.find((role) => role.id === 'agent')!;
      agent.restrictions.find((d) => d.id === 'contactVisibility')!.options = options;
      return { ...m, roles, role: (id) => roles.find((role) => role.id === id)! };
    };

    it('leaves out a choice with no options: not shown, no value, no field path', async () => {
      for (const options of [[], undefined] as ([] | undefined)[]) {
        const m = optionless(workspace, options);
        const agent = m.role('agent');
        expect(defaultAccess(agent, m.workspace).restrictions).to.deep.equal({
          hideWorkflows: false,
          maskContactInfo: false,
        });
        const { container } = mountAccess(m, 'agent');
        expect(container.textContent).not.to.contain('Contact visibility');
        expect(container.querySelectorAll('[part="restriction"]')).to.have.length(2);
        expect(container.querySelector('[role="radiogroup"]')).to.be.null;
        expect(accessPaths(agent, m.workspace, m.templates)).to.deep.equal([
          'restrictions.hideWorkflows',
          'restrictions.maskContactInfo',
        ]);
        await expect(container).to.be.accessible();
      }
    });

    it('shows no restrictions group when the only restriction has nothing to choose', () => {
      const m = optionless(workspace);
      const agent = m.role('agent');
      agent.restrictions = agent.restrictions.filter((d) => d.id === 'contactVisibility');
      const { container } = mountAccess(m, 'agent');
      expect(container.querySelector('[part="restrictions"]')).to.be.null;
    });

    it('lists the fields it shows: restrictions, the template, flags a role does not force', () => {
      expect(accessPaths(tenant.role('user'), tenant.workspace, tenant.templates)).to.deep.equal([
        'roleTemplateId',
        'flags.crmAccess',
      ]);
      expect(accessPaths(tenant.role('admin'), tenant.workspace, tenant.templates)).to.deep.equal(
        [],
      );
      expect(accessPaths(tenant.role('user'), tenant.workspace, [])).to.deep.equal([
        'flags.crmAccess',
      ]);
    });

    it('offers an allowed role /roles does not list first, disabled, said unknown', async () => {
      const changes: string[] = [];
      const container = mount(
        renderRolePicker({
          roles: workspace.roles,
          allowed: ['auditor', 'agent', 'manager'],
          value: 'auditor',
          onChange: (role) => changes.push(role),
        }),
      );
      const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      expect(radios.map((r) => [r.value, r.checked, r.disabled])).to.deep.equal([
        ['auditor', true, true],
        ['manager', false, false],
        ['agent', false, false],
      ]);
      const described = radios[0]!.getAttribute('aria-describedby')!;
      expect(container.querySelector(`#${CSS.escape(described)}`)!.textContent).to.equal(
        'unknown role',
      );
      radios[0]!.click();
      radios[2]!.click();
      expect(changes).to.deep.equal(['agent']);
      await expect(container).to.be.accessible();
    });

    it('names a role, or marks an id /roles does not list (hostile ids as text)', async () => {
      expect(renderRoleName(workspace.roles, 'agent')).to.equal('Agent');
      for (const id of ['auditor', hostileStrings.markup]) {
        const container = mount(html`<p>${renderRoleName(workspace.roles, id)}</p>`);
        expect(container.textContent!.trim()).to.equal(`${id} (unknown role)`);
        expect(q(container, '[title]').title).to.equal('unknown role');
        await expect(container).to.be.accessible();
      }
      expect(pwned()).to.be.false;
    });
  });
});
