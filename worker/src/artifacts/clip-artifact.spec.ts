import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip } from '../download/test-server.spec-helper.js';
import { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator.js';
import { artifactOptions } from './artifact.spec-helper.js';
import { clipArtifactName, exportClipArtifact, type ClipArtifactInput } from './clip-artifact.js';

let folder: string;
let clip: string;
let ffmpeg: FfmpegRepository;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-clip-artifact-spec-'));
  clip = makeTestClip(folder);
  ffmpeg = new FfmpegRepository(await locateFfmpeg({}));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const now = new Date('2024-05-01T12:34:56.789Z');

function input(overrides: Partial<ClipArtifactInput> = {}): ClipArtifactInput {
  return {
    jobId: 'job-1',
    clipId: '0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11',
    mediaId: 'media-1',
    sourceUrl: 'https://cdn.discordapp.com/attachments/1/2/Best%20Play.mp4',
    source: 'discord',
    filePath: clip,
    fileName: 'Best_Play.mp4',
    durationSeconds: 2,
    width: 320,
    height: 240,
    ...overrides,
  };
}

const options = (dir: string, logs: string[] = []) => artifactOptions(dir, ffmpeg, now, logs);

describe('clipArtifactName', () => {
  it('is clip_<clipId>_<slug>_<UTC>, the slug from the file stem', () => {
    expect(clipArtifactName(input(), now)).toBe(
      'clip_0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11_Best_Play_20240501T123456Z',
    );
  });

  it('uses the clip slug for Twitch clips', () => {
    const twitch = input({
      source: 'twitch',
      sourceUrl: 'https://www.twitch.tv/somechannel/clip/CleverSlug-AbC123',
      fileName: 'something_else.mp4',
    });
    expect(clipArtifactName(twitch, now)).toBe(
      'clip_0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11_CleverSlug-AbC123_20240501T123456Z',
    );
  });

  it('keeps path separators and odd characters out of the name', () => {
    const odd = input({ clipId: '../x', fileName: `${'Ünïcode clip! '.repeat(10)}.mkv` });
    const name = clipArtifactName(odd, now);
    expect(name).toMatch(/^clip_x_Unicode_clip_Unicode_clip_[\w-]+_20240501T123456Z$/);
    expect(name.split('_').slice(2, -1).join('_').length).toBeLessThanOrEqual(60);
  });
});

describe('exportClipArtifact (real ffmpeg)', () => {
  it('writes the file, thumbnail.jpg and manifest.json, and .DONE only once in place', async () => {
    const dir = join(mkdtempSync(join(folder, 'artifacts-')), 'missing');
    let beforeRename: string[] = [];
    const published = await exportClipArtifact(input(), {
      ...options(dir),
      hooks: { beforeRename: (temp) => void (beforeRename = readdirSync(temp).sort()) },
    });

    const name = 'clip_0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11_Best_Play_20240501T123456Z';
    expect(published).toBe(join(dir, name));
    expect(readdirSync(dir)).toEqual([name]);
    expect(beforeRename).toEqual(['Best_Play.mp4', 'manifest.json', 'thumbnail.jpg']);
    expect(readdirSync(published).sort()).toEqual([
      '.DONE',
      'Best_Play.mp4',
      'manifest.json',
      'thumbnail.jpg',
    ]);
    expect(statSync(join(published, '.DONE')).size).toBe(0);

    const exported = join(published, 'Best_Play.mp4');
    const bytes = readFileSync(clip);
    expect(readFileSync(exported).equals(bytes)).toBe(true);
    // Same file system: a hard link, not a second copy.
    expect(statSync(exported).ino).toBe(statSync(clip).ino);

    const manifest = JSON.parse(readFileSync(join(published, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      kind: 'clip',
      version: 1,
      clipId: '0b7c6a1e-5f7e-4a53-9d1c-2f0b1a9e8c11',
      jobId: 'job-1',
      mediaId: 'media-1',
      sourceUrl: 'https://cdn.discordapp.com/attachments/1/2/Best%20Play.mp4',
      source: 'discord',
      fileName: 'Best_Play.mp4',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      durationSeconds: 2,
      width: 320,
      height: 240,
      worker: 'render-01',
      createdAt: '2024-05-01T12:34:56.789Z',
    });
    // In the documented order, for people reading it.
    expect(Object.keys(manifest)).toEqual([
      'kind',
      'version',
      'clipId',
      'jobId',
      'mediaId',
      'sourceUrl',
      'source',
      'fileName',
      'sizeBytes',
      'sha256',
      'durationSeconds',
      'width',
      'height',
      'worker',
      'createdAt',
    ]);

    const thumbnail = await ffmpeg.probe(join(published, 'thumbnail.jpg'));
    // Within the 480 px box and never enlarged: the 320x240 source stays 320x240.
    expect(thumbnail.video).toMatchObject({ codec: 'mjpeg', width: 320, height: 240 });
  });

  it('exports without thumbnail.jpg, saying so, when ffmpeg cannot make one', async () => {
    const dir = mkdtempSync(join(folder, 'artifacts-'));
    const notVideo = join(folder, 'noise.mp4');
    writeFileSync(notVideo, Buffer.alloc(10_000, 7));
    const logs: string[] = [];
    const published = await exportClipArtifact(input({ filePath: notVideo }), options(dir, logs));
    expect(readdirSync(published).sort()).toEqual(['.DONE', 'Best_Play.mp4', 'manifest.json']);
    expect(logs).toEqual([expect.stringMatching(/^Artifact export: no thumbnail\.jpg \(/)]);
  });

  it('fails, leaving nothing behind, when the file cannot be exported', async () => {
    const dir = mkdtempSync(join(folder, 'artifacts-'));
    await expect(
      exportClipArtifact(input({ filePath: join(folder, 'gone.mp4') }), options(dir)),
    ).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temporary directory when a late step fails (disk full)', async () => {
    const dir = mkdtempSync(join(folder, 'artifacts-'));
    let temp = '';
    await expect(
      exportClipArtifact(input(), {
        ...options(dir),
        hooks: {
          beforeRename: (path) => {
            temp = path;
            throw new Error('ENOSPC: no space left on device');
          },
        },
      }),
    ).rejects.toThrow('ENOSPC');
    expect(temp).not.toBe('');
    expect(existsSync(temp)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not overwrite its own manifest or thumbnail with an oddly named download', async () => {
    const dir = mkdtempSync(join(folder, 'artifacts-'));
    const published = await exportClipArtifact(input({ fileName: 'thumbnail.jpg' }), options(dir));
    expect(readdirSync(published).sort()).toEqual([
      '.DONE',
      'clip-thumbnail.jpg',
      'manifest.json',
      'thumbnail.jpg',
    ]);
    const manifest = JSON.parse(readFileSync(join(published, 'manifest.json'), 'utf8'));
    expect(manifest.fileName).toBe('clip-thumbnail.jpg');
  });
});
