/**
 * The elements declare their reactive properties in Lit's static form (`static properties = {…}`),
 * which the analyzer's Lit plugin reads as if every entry were a public `@property()`: it gives a
 * `state: true` entry an attribute and every field an explicit `privacy: 'public'`, and puts its keys
 * in another order. This plugin, run after it, documents them as it documents decorated fields: no
 * attribute for state, the privacy the field is declared with, the analyzer's usual key order.
 */
function staticPropertiesAsDecorated() {
  return {
    name: 'roster-static-properties-as-decorated',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node)) return;
      const klass = moduleDoc.declarations?.find((d) => d.name === node.name?.getText());
      const block = node.members.find(
        (m) =>
          ts.isPropertyDeclaration(m) &&
          m.name.getText() === 'properties' &&
          m.modifiers?.some((mod) => mod.kind === ts.SyntaxKind.StaticKeyword),
      );
      if (!klass || !block || !ts.isObjectLiteralExpression(block.initializer)) return;
      for (const entry of block.initializer.properties) {
        if (!ts.isPropertyAssignment(entry)) continue;
        const name = entry.name.getText();
        const index = klass.members?.findIndex((m) => m.name === name) ?? -1;
        if (index < 0) continue;
        const { kind, type, privacy, ...rest } = klass.members[index];
        const state = ts.isObjectLiteralExpression(entry.initializer)
          ? entry.initializer.properties.some(
              (o) =>
                ts.isPropertyAssignment(o) &&
                o.name.getText() === 'state' &&
                o.initializer.kind === ts.SyntaxKind.TrueKeyword,
            )
          : false;
        if (state) {
          delete rest.attribute;
          delete rest.reflects;
          klass.attributes = klass.attributes?.filter((a) => a.fieldName !== name);
        }
        const field = node.members.find(
          (m) => ts.isPropertyDeclaration(m) && m.name.getText() === name,
        );
        const declared = field?.modifiers?.some((mod) =>
          [
            ts.SyntaxKind.PublicKeyword,
            ts.SyntaxKind.PrivateKeyword,
            ts.SyntaxKind.ProtectedKeyword,
          ].includes(mod.kind),
        );
        klass.members[index] = {
          kind,
          name: rest.name,
          ...(type && { type }),
          ...(declared && { privacy }),
          ...rest,
        };
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/context/roster-provider.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  litelement: true,
  // package.json's `customElements` field is written by hand; the analyzer must not rewrite it
  // (the manifest check runs it into a scratch folder).
  packagejson: false,
  plugins: [staticPropertiesAsDecorated()],
};
