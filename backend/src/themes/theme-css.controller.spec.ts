import { cssEtag, matchesEtag } from './theme-css.controller.js';

describe('theme.css validators', () => {
  it('makes a strong ETag that changes with the content', () => {
    const etag = cssEtag(':root{--cf-bg:#000000}');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(cssEtag(':root{--cf-bg:#000000}')).toBe(etag);
    expect(cssEtag(':root{--cf-bg:#000001}')).not.toBe(etag);
  });

  it('matches If-None-Match lists, weak forms and *', () => {
    const etag = '"abc"';
    expect(matchesEtag(undefined, etag)).toBe(false);
    expect(matchesEtag('"abc"', etag)).toBe(true);
    expect(matchesEtag('"x", W/"abc"', etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
    expect(matchesEtag('"abcd"', etag)).toBe(false);
    expect(matchesEtag('abc', etag)).toBe(false);
  });
});
