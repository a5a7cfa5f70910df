export default {
  globs: ['src/elements/**/*.ts', 'src/context/roster-provider.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  litelement: true,
};
