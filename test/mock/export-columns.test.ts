/** The export's columns per preset, its words, and its byte-order mark, over real HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';
import { parseCsv } from '../conformance/csv.js';
import { fixedNow } from './helpers.js';

const COLUMNS = {
  workspace: [
    'Name',
    'Email',
    'Role',
    'Status',
    'Team',
    'Assigned contacts',
    'Last active',
    'Last login',
    'Invited at',
    'ID',
  ],
  all: [
    'Name',
    'Email',
    'Role',
    'Role template',
    'Status',
    'Team',
    'CRM access',
    'Assigned contacts',
    'Last active',
    'Last login',
    'Invited at',
    'ID',
  ],
};

for (const preset of ['workspace', 'all'] as const) {
  describe(`GET /users/export (${preset} preset)`, () => {
    let mock: MockServer;
    let running: RunningMock;
    let bytes: Uint8Array;
    let rows: string[][];
    before(async () => {
      mock = createMockServer({ preset, now: fixedNow });
      running = await listen(mock);
      const res = await fetch(`${running.url}/users/export?sort=email`, {
        headers: { Authorization: 'Bearer owner' },
      });
      assert.equal(res.status, 200);
      bytes = new Uint8Array(await res.arrayBuffer());
      rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
    });
    after(() => running.close());

    it('starts with a UTF-8 byte-order mark, so spreadsheet programs read UTF-8', () => {
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(rows[0]![0], 'Name', 'the mark is not part of the first header');
    });

    it("has the columns of the preset's model, headed in words", () => {
      assert.deepEqual(rows[0], COLUMNS[preset]);
      assert.equal(rows.length - 1, mock.usersAs('owner').length);
    });

    it('words each cell as the table does, round-tripping names in any script', () => {
      const header = rows[0]!;
      const at = (name: string) => header.indexOf(name);
      const byId = new Map(rows.slice(1).map((row) => [row[at('ID')]!, row]));
      const users = mock.usersAs('owner');
      const ayse = users.find((u) => u.name === 'Ayşe Yılmaz');
      assert.ok(ayse, 'Ayşe Yılmaz is seeded');
      assert.equal(byId.get(ayse.id)![at('Name')], 'Ayşe Yılmaz');
      const words = { invited: 'Pending', active: 'Active', suspended: 'Suspended' };
      const roleNames = { owner: 'Owner', manager: 'Manager', agent: 'Agent' };
      const templates = new Map([
        ['tpl_1', 'Support agent'],
        ['tpl_2', 'Analyst'],
        ['tpl_3', 'Integrations lead'],
      ]);
      const seen = new Set<string>();
      for (const user of users) {
        const row = byId.get(user.id)!;
        const cell = (name: string) => row[at(name)];
        assert.equal(cell('Email'), user.email);
        assert.equal(cell('Role'), roleNames[user.role as keyof typeof roleNames]);
        assert.equal(cell('Status'), words[user.status]);
        seen.add(cell('Status')!);
        assert.equal(cell('Last login'), user.lastLoginAt ?? '');
        assert.equal(cell('Last active'), user.lastActiveAt ?? '');
        assert.equal(cell('Invited at'), user.invitedAt ?? '');
        assert.equal(cell('Assigned contacts'), String(user.assignedContacts));
        if (preset === 'all') {
          assert.equal(
            cell('Role template'),
            user.roleTemplateId ? templates.get(user.roleTemplateId) : '',
          );
          assert.equal(cell('CRM access'), user.flags['crmAccess'] ? 'Yes' : 'No');
        }
      }
      assert.ok(seen.has('Pending') && seen.has('Active'), [...seen].join(', '));
      if (preset === 'all') {
        assert.ok(rows.some((row) => row[at('Role template')] === 'Analyst'));
        assert.ok(rows.some((row) => row[at('CRM access')] === 'No'));
      }
    });

    it('round-trips a name written in another script and keeps neutralising formulas', async () => {
      for (const [email, name] of [
        ['ayse.y2@example.com', 'Ayşe Yılmaz-Öztürk'],
        ['formula@example.com', '=1+1 Ayşe'],
      ]) {
        const res = await fetch(`${running.url}/invitations`, {
          method: 'POST',
          headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, name, role: 'agent' }),
        });
        assert.equal(res.status, 201);
        await res.json();
      }
      const res = await fetch(`${running.url}/users/export?q=example.com&status=invited`, {
        headers: { Authorization: 'Bearer owner' },
      });
      const [header, ...found] = parseCsv(await res.text());
      const names = found.map((row) => row[header!.indexOf('Name')]);
      assert.deepEqual(names.sort(), ["'=1+1 Ayşe", 'Ayşe Yılmaz-Öztürk']);
      assert.ok(found.every((row) => row[header!.indexOf('Status')] === 'Pending'));
    });
  });
}

describe('GET /users/export without the feature', () => {
  it('is 404 on the tenant preset, which declares no export', async () => {
    const mock = createMockServer({ preset: 'tenant', now: fixedNow });
    const res = await mock.fetch('/api/v1/users/export', {
      headers: { Authorization: 'Bearer admin' },
    });
    assert.equal(res.status, 404);
    mock.close();
  });
});
