import { attachmentHeader, safeFileStem } from './content-disposition.js';

describe('safeFileStem', () => {
  it('keeps letters of any script, spaces and quotes that are safe', () => {
    expect(safeFileStem('Café “best” of 2024 — 日本')).toBe('Café “best” of 2024 — 日本');
  });

  it('replaces path separators, control characters and reserved characters', () => {
    expect(safeFileStem('../a/b\\c\u0000d:e*f?"g"<h>|')).toBe('_a_b_c_d_e_f_g_h_');
    expect(safeFileStem('a\r\nContent-Type: x')).toBe('a_Content-Type_ x');
  });

  it('falls back when nothing is left and cuts long names by code points', () => {
    expect(safeFileStem('   ')).toBe('compilation');
    expect(safeFileStem('...')).toBe('compilation');
    expect(Array.from(safeFileStem('😀'.repeat(200)))).toHaveLength(150);
  });
});

describe('attachmentHeader', () => {
  it('sends the UTF-8 name percent-encoded and an ASCII fallback', () => {
    expect(attachmentHeader('Café "Hi".mp4')).toBe(
      `attachment; filename="Caf_ _Hi_.mp4"; filename*=UTF-8''Caf%C3%A9%20%22Hi%22.mp4`,
    );
  });

  it('escapes the characters RFC 8187 does not allow bare', () => {
    expect(attachmentHeader("it's (ok)*!.mp4")).toBe(
      `attachment; filename="it's (ok)*!.mp4"; filename*=UTF-8''it%27s%20%28ok%29%2A%21.mp4`,
    );
  });

  it('round-trips through decodeURIComponent', () => {
    const name = 'Ünïcödé 日本 "q" \\ %.mp4';
    const encoded = /filename\*=UTF-8''(.+)$/.exec(attachmentHeader(name))![1];
    expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeURIComponent(encoded)).toBe(name);
  });
});
