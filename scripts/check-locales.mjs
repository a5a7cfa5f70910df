#!/usr/bin/env node
// The translations are complete and current: lit-localize extracts the messages of src/ afresh
// (into a scratch folder) and they must be exactly the trans-units of xliff/*.xlf; every unit
// has a target with the same placeholders as its source (a plural target: in its last form); a target wording several plural
// categories (`zero=…|two=…|…|other=…`) names only real ones and ends with `other`, and names
// every category of its locale's Intl.PluralRules but `one` (its own message): in Arabic zero,
// two, few, many and other, else it is one count-neutral form, right for every number; and the
// committed src/i18n/locales/*.ts are what `lit-localize build` makes of the XLIFF.
// Ends with `N passed, N failed` (one check per locale and kind). After changing a message:
// `npx lit-localize extract`, translate the new units, `npx lit-localize build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'roster-locales-'));
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
let passed = 0;
let failed = 0;

/** One check: its problems, or none. */
function check(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`✓ ${name}`);
  } else {
    failed++;
    console.log(`✗ ${name}\n${problems.map((p) => `    ${p}`).join('\n')}`);
  }
}

/** id → { source, target } of an XLIFF file. */
function units(file) {
  const text = readFileSync(file, 'utf8');
  const found = new Map();
  for (const [, id, body] of text.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const source = /<source>([\s\S]*?)<\/source>/.exec(body)?.[1];
    const target = /<target>([\s\S]*?)<\/target>/.exec(body)?.[1];
    found.set(id, { source, target });
  }
  return found;
}

const placeholders = (text) => [...text.matchAll(/<x id="(\d+)"/g)].map((m) => m[1]).sort();

const lit = join(root, 'node_modules', '.bin', 'lit-localize');
const scratchConfig = join(root, `.lit-localize.check-${process.pid}.json`);
try {
  // lit-localize with the project's config but its output in the scratch folder: extract
  // writes fresh XLIFF there, build reads the committed XLIFF and writes modules there.
  const run = (command, xliffDir) => {
    writeFileSync(
      scratchConfig,
      JSON.stringify({
        ...config,
        interchange: { ...config.interchange, xliffDir },
        output: {
          ...config.output,
          outputDir: join(scratch, 'locales'),
          localeCodesModule: join(scratch, 'locale-codes.ts'),
        },
      }),
    );
    execFileSync(lit, [command, '--config', scratchConfig], { cwd: root, stdio: 'pipe' });
  };
  run('extract', join(scratch, 'xliff'));
  for (const locale of config.targetLocales) {
    const committed = units(join(root, 'xliff', `${locale}.xlf`));
    const fresh = units(join(scratch, 'xliff', `${locale}.xlf`));
    check(`${locale}: xliff lists exactly the messages of src/`, [
      ...[...fresh.keys()]
        .filter((id) => !committed.has(id))
        .map((id) => `new message not in xliff/${locale}.xlf: ${id} "${fresh.get(id).source}"`),
      ...[...committed.keys()]
        .filter((id) => !fresh.has(id))
        .map((id) => `xliff/${locale}.xlf has a message src/ no longer has: ${id}`),
    ]);
    const problems = [];
    const plurals = [];
    // The categories a target wording plural forms must name: the locale's, but `one`.
    const has = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const wanted = [...CATEGORIES].filter(
      (category) => category !== 'one' && has.includes(category),
    );
    for (const [id, { source, target }] of committed) {
      if (!target?.trim()) {
        problems.push(`${id} "${source}" has no translation`);
        continue;
      }
      const forms = target.split(/\|(?=[a-z]+=)/);
      const named = forms.length > 1 ? forms.map((form) => /^([a-z]+)=/.exec(form)?.[1]) : [];
      if (named.some((category) => !CATEGORIES.has(category)))
        problems.push(`${id}: plural forms with an unknown category: ${named.join(', ')}`);
      if (named.length && named.at(-1) !== 'other')
        problems.push(`${id}: plural forms must end with other=`);
      if (named.length) {
        const missing = wanted.filter((category) => !named.includes(category));
        const foreign = named.filter((category) => !wanted.includes(category));
        if (missing.length || foreign.length)
          plurals.push(
            `${id} "${source}": its forms ${named.join(', ')} must be ${wanted.join(', ')}` +
              (missing.length ? ` (missing ${missing.join(', ')})` : '') +
              (foreign.length ? ` (not wanted: ${foreign.join(', ')})` : '') +
              ', or one count-neutral form without =…|',
          );
      }
      // Each value once (lit-localize's rule): in the last form; the others write the count as #.
      const want = placeholders(source).join(',');
      const have = placeholders(forms.at(-1)).join(',');
      if (have !== want)
        problems.push(`${id}: placeholders ${have} in "${forms.at(-1)}", source has ${want}`);
    }
    check(`${locale}: every message translated, placeholders kept`, problems);
    check(`${locale}: plural forms word every category (${wanted.join(', ')})`, plurals);
  }
  run('build', config.interchange.xliffDir);
  for (const file of readdirSync(join(scratch, 'locales'))) {
    const built = readFileSync(join(scratch, 'locales', file), 'utf8');
    let kept = '';
    try {
      kept = readFileSync(join(root, config.output.outputDir, file), 'utf8');
    } catch {
      // missing: reported below
    }
    check(
      `${file}: the committed module is built from the XLIFF`,
      built === kept
        ? []
        : [
            `src/i18n/locales/${file} differs from what lit-localize build makes: run npx lit-localize build`,
          ],
    );
  }
} finally {
  rmSync(scratchConfig, { force: true });
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
