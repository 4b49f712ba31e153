import { clipFileName, dispositionFileName, urlFileName } from './file-name.js';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';

describe('clipFileName', () => {
  it('keeps a fitting extension and gives a missing or wrong one from the probed format', () => {
    expect(clipFileName('clip.mp4', MP4)).toBe('clip.mp4');
    expect(clipFileName('clip.MOV', MP4)).toBe('clip.mov');
    expect(clipFileName('clip', MP4)).toBe('clip.mp4');
    expect(clipFileName('clip.php', MP4)).toBe('clip.mp4');
    expect(clipFileName('clip.webm', 'matroska,webm')).toBe('clip.webm');
    expect(clipFileName('clip.mp4', 'matroska,webm')).toBe('clip.mkv');
    expect(clipFileName('stream', 'mpegts')).toBe('stream.ts');
    expect(clipFileName('odd.ogv', 'ogg')).toBe('odd.ogv');
  });

  it('sanitizes the name', () => {
    expect(clipFileName('../../etc/passwd', MP4)).toBe('etc_passwd.mp4');
    expect(clipFileName('My Clip (final)!.mp4', MP4)).toBe('My_Clip_final.mp4');
    expect(clipFileName('Pokémon.mp4', MP4)).toBe('Pokemon.mp4');
    expect(clipFileName('.hidden', MP4)).toBe('hidden.mp4');
    expect(clipFileName(null, MP4)).toBe('clip.mp4');
    expect(clipFileName('....', MP4)).toBe('clip.mp4');
    expect(clipFileName(`${'a'.repeat(300)}.mp4`, MP4)).toBe(`${'a'.repeat(100)}.mp4`);
  });
});

describe('urlFileName', () => {
  it('decodes the last path segment', () => {
    expect(
      urlFileName('https://cdn.discordapp.com/attachments/1/2/my%20clip.mp4?ex=1&is=2&hm=3'),
    ).toBe('my clip.mp4');
    expect(urlFileName('https://host.example/')).toBeNull();
    expect(urlFileName('https://host.example/bad%E0%A4%A')).toBe('bad%E0%A4%A');
  });
});

describe('dispositionFileName', () => {
  it('reads filename and filename*', () => {
    expect(dispositionFileName('attachment; filename="a b.mp4"')).toBe('a b.mp4');
    expect(dispositionFileName('inline; filename=clip.mp4')).toBe('clip.mp4');
    expect(
      dispositionFileName(`attachment; filename="x.mp4"; filename*=UTF-8''%C3%A9t%C3%A9.mp4`),
    ).toBe('été.mp4');
    expect(dispositionFileName('inline')).toBeNull();
    expect(dispositionFileName(undefined)).toBeNull();
  });
});
