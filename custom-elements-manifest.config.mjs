export default {
  globs: ['src/elements/**/*.ts', 'src/context/roster-provider.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  litelement: true,
  // package.json's `customElements` field is written by hand; the analyzer must not rewrite it
  // (the manifest check runs it into a scratch folder).
  packagejson: false,
};
