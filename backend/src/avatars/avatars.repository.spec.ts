import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../config/app-config.js';
import { AvatarsRepository, parseCachedAvatar, sanitizeCreatorName } from './avatars.repository.js';

describe('avatar file names', () => {
  it('sanitizes creator names to lowercase letters, digits, _ and -', () => {
    expect(sanitizeCreatorName('Clip_Maker')).toBe('clip_maker');
    expect(sanitizeCreatorName('  Ünïcode Name!! ')).toBe('ünïcode_name');
    expect(sanitizeCreatorName('日本語ストリーマー')).toBe('日本語ストリーマー');
    expect(sanitizeCreatorName('../../etc/passwd')).toBe('etc_passwd');
    expect(sanitizeCreatorName('...')).toBe('unknown');
    expect(sanitizeCreatorName('x'.repeat(200))).toHaveLength(64);
  });

  it('reads <creator>_<unix ms>.<ext> and nothing else as a downloaded avatar', () => {
    expect(parseCachedAvatar('clip_maker_1714564800000.png')).toEqual({
      creator: 'clip_maker',
      file: 'clip_maker_1714564800000.png',
      takenAt: 1714564800000,
    });
    expect(parseCachedAvatar('a_b_1714564800000.jpeg')?.creator).toBe('a_b');
    expect(parseCachedAvatar('clip_maker.png')).toBeNull();
    expect(parseCachedAvatar('clip_maker_12.png')).toBeNull();
    expect(parseCachedAvatar('clip_maker_1714564800000.gif')).toBeNull();
  });
});

describe('AvatarsRepository', () => {
  let instance: string;
  let files: AvatarsRepository;

  beforeEach(() => {
    instance = mkdtempSync(join(tmpdir(), 'clippy-avatars-spec-'));
    files = new AvatarsRepository(loadAppConfig({ CLIPPY_INSTANCE_PATH: instance }));
  });
  afterEach(() => rmSync(instance, { recursive: true, force: true }));

  it('stores canonical /instance paths and reads any stored path back by file name only', async () => {
    const file = await files.write('someone', Buffer.from('x'), 'png');
    expect(files.canonicalPath(file)).toBe(`/instance/assets/avatars/${file}`);
    const here = join(instance, 'assets', 'avatars', file);
    expect(await files.runtimePath(`/instance/assets/avatars/${file}`)).toBe(here);
    expect(await files.runtimePath(`/old/host/assets/avatars/${file}`)).toBe(here);
    expect(await files.runtimePath('/instance/assets/avatars/gone_1714564800000.png')).toBeNull();
    expect(await files.runtimePath('/instance/../../etc/passwd')).toBeNull();
    expect(await files.runtimePath('/instance/data/u/clips/a.mp4')).toBeNull();
  });

  it('keeps absolute paths for an AVATARS_PATH outside the instance', () => {
    const outside = new AvatarsRepository(
      loadAppConfig({ CLIPPY_INSTANCE_PATH: instance, AVATARS_PATH: '/srv/shared/assets' }),
    );
    expect(outside.canonicalPath('a_1.png')).toBe('/srv/shared/assets/avatars/a_1.png');
  });

  it('lists downloaded avatars per creator, newest first, ignoring other files', async () => {
    const dir = join(instance, 'assets', 'avatars');
    mkdirSync(join(dir, 'sub_1714564800000.png'), { recursive: true });
    for (const name of [
      'a_1714564800000.png',
      'a_1714564900000.webp',
      'a.png',
      'b_c_1714564800000.jpg',
    ])
      writeFileSync(join(dir, name), 'x');
    const cached = await files.cached();
    expect([...cached.keys()].sort()).toEqual(['a', 'b_c']);
    expect(cached.get('a')!.map((a) => a.file)).toEqual([
      'a_1714564900000.webp',
      'a_1714564800000.png',
    ]);
    expect(await files.manual('a')).toBe(join(dir, 'a.png'));
    expect(await files.manual('b_c')).toBeNull();
  });
});
