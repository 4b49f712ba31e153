import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestClip } from '../download/test-server.spec-helper.js';
import { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator.js';
import { artifactOptions } from './artifact.spec-helper.js';
import {
  compilationArtifactName,
  exportCompilationArtifact,
  type CompilationArtifactInput,
} from './compilation-artifact.js';
import { exportOrWarn } from './media-artifact.js';

let folder: string;
let video: string;
let ffmpeg: FfmpegRepository;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-compilation-artifact-spec-'));
  video = makeTestClip(folder, 'output.mp4');
  ffmpeg = new FfmpegRepository(await locateFfmpeg({}));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const now = new Date('2024-05-01T12:34:56.789Z');
const PROJECT = '5d1f2c3b-8a9e-4f10-b2c3-d4e5f6a7b8c9';
const CHAPTERS = [
  { startSeconds: 0, title: 'Intro' },
  { startSeconds: 1.5, title: 'Big play — streamer_1' },
];
const CHAPTERS_TEXT = '00:00 Intro\n00:01 Big play — streamer_1\n';

function input(overrides: Partial<CompilationArtifactInput> = {}): CompilationArtifactInput {
  return {
    jobId: 'job-7',
    projectId: PROJECT,
    outputName: 'Best of May',
    mediaId: 'media-9',
    filePath: video,
    fileName: 'Best_of_May.mp4',
    durationSeconds: 2,
    width: 320,
    height: 240,
    fps: 25,
    encoder: 'libx264',
    renderSeconds: 4.2,
    chapters: CHAPTERS,
    chaptersText: CHAPTERS_TEXT,
    ...overrides,
  };
}

const options = (dir: string, logs: string[] = []) => artifactOptions(dir, ffmpeg, now, logs);

describe('compilationArtifactName', () => {
  it('is <projectId>_<slug>_<UTC>, the slug from the output name', () => {
    expect(compilationArtifactName(input(), now)).toBe(`${PROJECT}_Best_of_May_20240501T123456Z`);
  });

  it('says "compilation" when the output name leaves no slug', () => {
    for (const outputName of [undefined, '', '  ', '日本語']) {
      expect(compilationArtifactName(input({ outputName }), now)).toBe(
        `${PROJECT}_compilation_20240501T123456Z`,
      );
    }
  });

  it('keeps path separators and odd characters out of the name', () => {
    const name = compilationArtifactName(
      input({ projectId: '../p', outputName: `Ünïcode/..\\${'x'.repeat(80)}` }),
      now,
    );
    expect(name).toBe(`p_Unicode_${'x'.repeat(52)}_20240501T123456Z`);
  });
});

describe('exportCompilationArtifact (real ffmpeg)', () => {
  it('writes the MP4, thumbnail.jpg, chapters.txt and manifest.json, then .DONE', async () => {
    const dir = join(mkdtempSync(join(folder, 'artifacts-')), 'missing');
    let beforeRename: string[] = [];
    const published = await exportCompilationArtifact(input(), {
      ...options(dir),
      hooks: { beforeRename: (temp) => void (beforeRename = readdirSync(temp).sort()) },
    });

    const name = `${PROJECT}_Best_of_May_20240501T123456Z`;
    expect(published).toBe(join(dir, name));
    expect(readdirSync(dir)).toEqual([name]);
    const files = ['Best_of_May.mp4', 'chapters.txt', 'manifest.json', 'thumbnail.jpg'];
    expect(beforeRename).toEqual(files);
    expect(readdirSync(published).sort()).toEqual(['.DONE', ...files]);
    expect(statSync(join(published, '.DONE')).size).toBe(0);

    const exported = join(published, 'Best_of_May.mp4');
    const bytes = readFileSync(video);
    expect(readFileSync(exported).equals(bytes)).toBe(true);
    expect(statSync(exported).ino).toBe(statSync(video).ino);
    expect(readFileSync(join(published, 'chapters.txt'), 'utf8')).toBe(CHAPTERS_TEXT);

    const manifest = JSON.parse(readFileSync(join(published, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      kind: 'compilation',
      version: 1,
      projectId: PROJECT,
      jobId: 'job-7',
      mediaId: 'media-9',
      fileName: 'Best_of_May.mp4',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      durationSeconds: 2,
      width: 320,
      height: 240,
      fps: 25,
      encoder: 'libx264',
      renderSeconds: 4.2,
      chapters: CHAPTERS,
      worker: 'render-01',
      createdAt: '2024-05-01T12:34:56.789Z',
    });
    expect(Object.keys(manifest)).toEqual([
      'kind',
      'version',
      'projectId',
      'jobId',
      'mediaId',
      'fileName',
      'sizeBytes',
      'sha256',
      'durationSeconds',
      'width',
      'height',
      'fps',
      'encoder',
      'renderSeconds',
      'chapters',
      'worker',
      'createdAt',
    ]);

    const thumbnail = await ffmpeg.probe(join(published, 'thumbnail.jpg'));
    expect(thumbnail.video).toMatchObject({ codec: 'mjpeg', width: 320, height: 240 });
  });

  it('does not let the video take the name of chapters.txt', async () => {
    const dir = mkdtempSync(join(folder, 'artifacts-'));
    const published = await exportCompilationArtifact(
      input({ fileName: 'Chapters.txt' }),
      options(dir),
    );
    expect(readdirSync(published).sort()).toEqual([
      '.DONE',
      'chapters.txt',
      'compilation-Chapters.txt',
      'manifest.json',
      'thumbnail.jpg',
    ]);
    expect(readFileSync(join(published, 'chapters.txt'), 'utf8')).toBe(CHAPTERS_TEXT);
  });

  it('rejects, leaving nothing behind, when ARTIFACTS_DIR cannot be written', async () => {
    // A regular file in the way: unwritable even for root.
    const blocker = join(mkdtempSync(join(folder, 'artifacts-')), 'not-a-dir');
    writeFileSync(blocker, '');
    await expect(
      exportCompilationArtifact(input(), options(join(blocker, 'artifacts'))),
    ).rejects.toThrow(/ENOTDIR/);

    const dir = mkdtempSync(join(folder, 'artifacts-'));
    await expect(
      exportCompilationArtifact(input({ filePath: join(folder, 'gone.mp4') }), options(dir)),
    ).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('exportOrWarn', () => {
  const settings = { dir: '/srv/artifacts', worker: 'w' };

  it('logs the exported directory', async () => {
    const logs: string[] = [];
    const done = await exportOrWarn(
      settings,
      (l) => logs.push(l),
      'the compilation',
      () => Promise.resolve('/srv/artifacts/p_Best_20240501T123456Z'),
      () => new Date('2024-05-01T12:34:57Z'),
    );
    expect(done).toEqual({
      name: 'p_Best_20240501T123456Z',
      state: 'exported',
      at: '2024-05-01T12:34:57.000Z',
      error: null,
    });
    expect(logs).toEqual(['Exported p_Best_20240501T123456Z to ARTIFACTS_DIR /srv/artifacts']);
  });

  it('turns a failure into a warning and never throws', async () => {
    const logs: string[] = [];
    const done = await exportOrWarn(
      settings,
      (l) => logs.push(l),
      'the compilation',
      () => Promise.reject(new Error('ENOSPC: no space left on device')),
      () => new Date('2024-05-01T12:34:57Z'),
    );
    expect(done).toEqual({
      name: null,
      state: 'failed',
      at: '2024-05-01T12:34:57.000Z',
      error: 'ENOSPC: no space left on device',
    });
    expect(logs).toEqual([
      'Warning: artifact export to ARTIFACTS_DIR /srv/artifacts failed, nothing exported ' +
        '(the compilation is in the library): ENOSPC: no space left on device',
    ]);
  });
});
