import { PUBLIC_ID_PATTERN } from '@clippyfront/shared';
import { newPublicId } from './public-id.js';

describe('newPublicId', () => {
  it('is 22 URL-safe characters carrying 128 bits', () => {
    const id = newPublicId();
    expect(id).toMatch(PUBLIC_ID_PATTERN);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newPublicId));
    expect(ids.size).toBe(10_000);
  });
});
