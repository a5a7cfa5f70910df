import { expect } from '@open-wc/testing';
import { topRole } from '../../src/api/rules.js';
import { getPreset, topRole as presetTop } from '../../src/mock/presets.js';

describe('topRole', () => {
  it('is the highest rank whatever the order served, the first of equals, none of no roles', () => {
    const a = { id: 'a', rank: 1 };
    const b = { id: 'b', rank: 3 };
    const c = { id: 'c', rank: 3 };
    expect(topRole([a, b, c])).to.equal(b);
    expect(topRole([c, a, b])).to.equal(c);
    expect(topRole([])).to.equal(undefined);
  });

  it('is the role each mock preset protects as its top one', () => {
    for (const name of ['workspace', 'tenant', 'all'] as const) {
      const preset = getPreset(name);
      expect(presetTop(preset).id).to.equal(preset.roles[0]!.id);
      expect(topRole([...preset.roles].reverse())!.id).to.equal(preset.roles[0]!.id);
    }
  });
});
