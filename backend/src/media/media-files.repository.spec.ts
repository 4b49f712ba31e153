import type { AppConfig } from '../config/app-config.js';
import { MediaFilesRepository, sanitizeFileName } from './media-files.repository.js';

function filesFor(alias: AppConfig['mediaPathAlias'] = null): MediaFilesRepository {
  const config = {
    paths: { instance: '/srv/cf', data: '/srv/cf/data' },
    mediaPathAlias: alias,
  } as AppConfig;
  return new MediaFilesRepository(config);
}

describe('MediaFilesRepository paths', () => {
  it('rebases canonical /instance paths onto the active instance folder and back', () => {
    const files = filesFor();
    expect(files.runtimePath('/instance/data/u/clips/a.mp4')).toBe('/srv/cf/data/u/clips/a.mp4');
    expect(files.canonicalPath('/srv/cf/data/u/clips/a.mp4')).toBe('/instance/data/u/clips/a.mp4');
  });

  it('never resolves outside the instance folder', () => {
    const files = filesFor();
    expect(() => files.runtimePath('/instance/../etc/passwd')).toThrow(/escapes/);
    expect(() => files.runtimePath('/etc/passwd')).toThrow(/escapes/);
  });

  it('reads legacy paths through MEDIA_PATH_ALIAS_FROM/TO, and only whole folder prefixes', () => {
    const files = filesFor({ from: '/old/app/instance/', to: '/instance' });
    expect(files.runtimePath('/old/app/instance/data/u/a.mp4')).toBe('/srv/cf/data/u/a.mp4');
    expect(() => files.runtimePath('/old/app/instance2/data/u/a.mp4')).toThrow(/escapes/);
    expect(files.runtimePath('/instance/data/u/b.mp4')).toBe('/srv/cf/data/u/b.mp4');
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\win.ini', 'win.ini'],
    ['my clip (final).mp4', 'my clip _final_.mp4'],
    ['Ünïcödé 日本.mp4', 'Ünïcödé 日本.mp4'],
    ['.hidden', 'hidden'],
    ['...', 'file'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('keeps long names short, extension included', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.mp4`);
    expect(name).toHaveLength(124);
    expect(name.endsWith('.mp4')).toBe(true);
  });
});
