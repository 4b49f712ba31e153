import { addTags, isValidTag, normalizeTag } from './tag-rules';

describe('tag rules', () => {
  it('normalizes like the API: trimmed, lower case', () => {
    expect(normalizeTag('  Boss Fight ')).toBe('boss fight');
  });

  it('accepts letters in any script, digits, spaces, _ . - up to 32 characters', () => {
    expect(isValidTag('épique_2024.v-1')).toBe(true);
    expect(isValidTag('x'.repeat(32))).toBe(true);
    expect(isValidTag('x'.repeat(33))).toBe(false);
    expect(isValidTag('no/slash')).toBe(false);
    expect(isValidTag('')).toBe(false);
  });

  it('adds comma-separated tags, folding case and duplicates', () => {
    expect(addTags(['funny'], 'Boss, FUNNY, ,win')).toEqual({
      tags: ['funny', 'boss', 'win'],
      error: null,
    });
  });

  it('refuses the whole input when one tag is invalid', () => {
    const result = addTags(['a'], 'good, bad#tag');
    expect(result.tags).toEqual(['a']);
    expect(result.error).toContain('“bad#tag” is not a valid tag');
  });

  it('refuses more than 20 tags', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(addTags(twenty, 't0').error).toBeNull();
    expect(addTags(twenty, 'one-more')).toEqual({ tags: twenty, error: 'At most 20 tags.' });
  });
});
