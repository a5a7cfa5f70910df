// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'custom-elements.json', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // STYLE.md §3, as far as member-ordering can tell members apart. Enforced, in this order:
    //   1. static fields (`static styles`, `static shadowRootOptions`…);
    //   2. instance fields, readonly or not (controllers, caches, timers, then the reactive fields
    //      that `static properties` declares: state, then properties — kept by hand, as to the
    //      rule they are plain fields);
    //   3. private/protected decorated fields (`@query()`…);
    //   4. public decorated fields and accessors;
    //   5. the constructor;
    //   6. methods, getters, setters and static methods, in any order among themselves.
    // Not enforced, as the rule cannot see it: lifecycle (`override`) → public methods →
    // `handleX` → `render()` → `renderX()` within 6 (it knows no names or `override`, and
    // `render()` is protected between private handlers and private `renderX()`); the one-line
    // doc comments. Fields holding arrow functions count as methods. No alphabetical order.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/member-ordering': [
        'error',
        {
          default: 'never',
          classes: {
            order: 'as-written',
            memberTypes: [
              'static-field',
              ['instance-field', 'instance-readonly-field', 'instance-accessor'],
              ['private-decorated-field', 'protected-decorated-field'],
              ['public-decorated-field', 'decorated-get', 'decorated-set', 'decorated-accessor'],
              'constructor',
              ['method', 'get', 'set', 'static-method', 'static-get', 'static-set'],
            ],
          },
        },
      ],
    },
  },
  {
    // What only its class uses is an ES `#private` member, not a TypeScript `private` one: the
    // minifier may shorten `#names` (about 1.2 KB gzip of the script-tag build) and the language
    // keeps them private. Reactive fields that `static properties` declares stay `private` (Lit
    // makes them accessors), so only methods and parameter properties can be told apart here.
    files: ['src/**/*.ts'],
    ignores: ['src/mock/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MethodDefinition[accessibility="private"]',
          message: 'Use a #private method: the minifier can shorten it.',
        },
        {
          selector: 'TSParameterProperty[accessibility="private"]',
          message: 'Use a #private field assigned in the constructor: the minifier can shorten it.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai assertions such as `expect(x).to.be.true` are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  prettier,
);
