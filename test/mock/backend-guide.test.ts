/**
 * docs/backend-guide.md's "Every required field" tables against openapi.yaml: each table (a
 * `### \`Schema\`` heading) lists exactly the schema's fields, the required ones plain and the
 * others marked optional, so the guide a backend team builds from cannot drift from the contract.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const guide = readFileSync(new URL('docs/backend-guide.md', root), 'utf8');
const contract = parse(readFileSync(new URL('openapi.yaml', root), 'utf8')) as {
  components: { schemas: Record<string, { required?: string[]; properties?: object }> };
};

/** Schemas whose required fields a backend must know before the first answer. */
const MUST_HAVE_TABLES = [
  'Workspace',
  'WorkspaceFeatures',
  'Seats',
  'Me',
  'Capabilities',
  'User',
  'AllowedActions',
  'UserPage',
  'Role',
  'PermissionCatalog',
];

interface Row {
  field: string;
  optional: boolean;
}

/** Schema name → the rows of its table, from the section's `###` headings down to the next `##`. */
function tablesOf(markdown: string, section: string): Map<string, Row[]> {
  const start = markdown.indexOf(`\n## ${section}\n`);
  assert.ok(start >= 0, `docs/backend-guide.md has a "## ${section}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const tables = new Map<string, Row[]>();
  let rows: Row[] | undefined;
  for (const line of markdown.slice(start, end < 0 ? undefined : end).split('\n')) {
    const heading = /^### `(\w+)`/.exec(line);
    if (heading) {
      assert.ok(!tables.has(heading[1]!), `one table for ${heading[1]}`);
      tables.set(heading[1]!, (rows = []));
      continue;
    }
    const row = /^\|\s*`(\w+)`\s*\|([^|]*)\|/.exec(line);
    if (row && rows) rows.push({ field: row[1]!, optional: /^\s*optional\b/.test(row[2]!) });
  }
  return tables;
}

/** What is wrong with `name`'s table, one line each; empty when it matches openapi.yaml. */
function problemsOf(name: string, rows: Row[]): string[] {
  const schema = contract.components.schemas[name];
  if (!schema) return [`openapi.yaml has no schema ${name}`];
  const required = schema.required ?? [];
  const known = Object.keys(schema.properties ?? {});
  const listed = rows.map((row) => row.field);
  return [
    ...required.filter((f) => !listed.includes(f)).map((f) => `${f}: required, not in the table`),
    ...listed.filter((f) => !known.includes(f)).map((f) => `${f}: not a field of ${name}`),
    ...rows
      .filter((row) => known.includes(row.field) && row.optional === required.includes(row.field))
      .map(
        (row) =>
          `${row.field}: ${row.optional ? 'required, marked optional' : 'optional, not marked'}`,
      ),
    ...listed.filter((f, i) => listed.indexOf(f) !== i).map((f) => `${f}: listed twice`),
  ];
}

const tables = tablesOf(guide, 'Every required field');

describe('docs/backend-guide.md: every required field', () => {
  it('has a table for each schema a first answer needs', () => {
    const missing = MUST_HAVE_TABLES.filter((name) => !tables.has(name));
    assert.deepEqual(missing, [], `tables missing for ${missing.join(', ')}`);
  });

  for (const [name, rows] of tables) {
    it(`lists ${name}'s fields as openapi.yaml does`, () => {
      assert.deepEqual(problemsOf(name, rows), []);
    });
  }

  it('catches a drifted table: a required field left out, a stale one, a wrong mark', () => {
    const drifted = tablesOf(
      [
        '',
        '## T',
        '### `Seats` (the seats)',
        '| field | type | send |',
        '|---|---|---|',
        '| `used` | optional integer | n |',
        '| `spare` | string | x |',
        '| `used` | integer | n |',
        '## Next',
        '### `Me`',
        '| `user` | User | x |',
      ].join('\n'),
      'T',
    );
    assert.deepEqual([...drifted.keys()], ['Seats']);
    assert.deepEqual(problemsOf('Seats', drifted.get('Seats')!), [
      'limit: required, not in the table',
      'spare: not a field of Seats',
      'used: required, marked optional',
      'used: listed twice',
    ]);
    assert.deepEqual(problemsOf('Nope', []), ['openapi.yaml has no schema Nope']);
  });
});
