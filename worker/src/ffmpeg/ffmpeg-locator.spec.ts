import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { FfmpegMissingError, locateFfmpeg, resolveBinary } from './ffmpeg-locator.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clippyfront-locator-spec-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Creates `dir/name` (and dir) as a shell script with the given mode; returns its path. */
function script(dir: string, name: string, body: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode });
  return path;
}

const fakeFfmpeg = (dir: string) =>
  script(
    dir,
    'ffmpeg',
    'echo "ffmpeg version 9.9.9-test Copyright (c) 2000-2099 the FFmpeg developers"',
  );
const fakeFfprobe = (dir: string) =>
  script(dir, 'ffprobe', 'echo "ffprobe version 9.9.9-test Copyright (c) 2000-2099"');

describe('resolveBinary', () => {
  it('uses the explicit variable when it points to an executable file, before ./bin and PATH', () => {
    const explicit = fakeFfmpeg(join(root, 'explicit'));
    const binDir = join(root, 'bin');
    const pathDir = join(root, 'path');
    fakeFfmpeg(binDir);
    fakeFfmpeg(pathDir);

    expect(resolveBinary('ffmpeg', explicit, [binDir], pathDir)).toEqual({ path: explicit });
  });

  it('resolves a relative explicit path to an absolute one', () => {
    const explicit = fakeFfmpeg(join(root, 'explicit'));
    const result = resolveBinary('ffmpeg', relative(process.cwd(), explicit), [], '');
    expect(result).toEqual({ path: explicit });
  });

  it('does not fall back when the explicit file is missing, and names FFMPEG_BINARY', () => {
    const binDir = join(root, 'bin');
    fakeFfmpeg(binDir);
    const missing = join(root, 'nope', 'ffmpeg');

    const result = resolveBinary('ffmpeg', missing, [binDir], binDir);
    expect(result.path).toBeNull();
    expect(result.problem).toContain('FFMPEG_BINARY');
    expect(result.problem).toContain(missing);
    expect(result.problem).not.toContain('FFPROBE_BINARY');
  });

  it('names FFPROBE_BINARY for a non-executable ffprobe', () => {
    const notExecutable = script(join(root, 'explicit'), 'ffprobe', 'exit 0', 0o644);
    const result = resolveBinary('ffprobe', notExecutable, [], '');
    expect(result.path).toBeNull();
    expect(result.problem).toContain('FFPROBE_BINARY');
    expect(result.problem).toContain(notExecutable);
    expect(result.problem).toMatch(/not an executable file/);
  });

  it('refuses an explicit directory even though directories have the x bit', () => {
    const dir = join(root, 'a-directory');
    mkdirSync(dir, { mode: 0o755 });
    const result = resolveBinary('ffmpeg', dir, [], '');
    expect(result.path).toBeNull();
    expect(result.problem).toContain('FFMPEG_BINARY');
  });

  it('treats an empty explicit value as not set', () => {
    const binDir = join(root, 'bin');
    const found = fakeFfmpeg(binDir);
    expect(resolveBinary('ffmpeg', '', [binDir], '')).toEqual({ path: found });
  });

  it('takes the first bin dir that has the binary, before PATH', () => {
    const emptyBin = join(root, 'bin-empty');
    mkdirSync(emptyBin);
    const firstBin = join(root, 'bin-1');
    const secondBin = join(root, 'bin-2');
    const pathDir = join(root, 'path');
    const expected = fakeFfmpeg(firstBin);
    fakeFfmpeg(secondBin);
    fakeFfmpeg(pathDir);

    const result = resolveBinary('ffmpeg', undefined, [emptyBin, firstBin, secondBin], pathDir);
    expect(result).toEqual({ path: expected });
  });

  it('falls back to PATH entries in order, skipping empty and non-executable ones', () => {
    const emptyBin = join(root, 'bin');
    mkdirSync(emptyBin);
    const pathNoExec = join(root, 'path-0');
    script(pathNoExec, 'ffmpeg', 'exit 0', 0o644);
    const pathMissing = join(root, 'path-1');
    const pathFirst = join(root, 'path-2');
    const pathSecond = join(root, 'path-3');
    const expected = fakeFfmpeg(pathFirst);
    fakeFfmpeg(pathSecond);
    const pathEnv = ['', pathNoExec, pathMissing, '', pathFirst, pathSecond].join(delimiter);

    expect(resolveBinary('ffmpeg', undefined, [emptyBin], pathEnv)).toEqual({ path: expected });
  });

  it('only accepts a file named exactly like the binary', () => {
    const binDir = join(root, 'bin');
    fakeFfmpeg(binDir); // an ffmpeg is no ffprobe
    const result = resolveBinary('ffprobe', undefined, [binDir], binDir);
    expect(result.path).toBeNull();
  });

  it('says where it looked and what to set when nothing is found', () => {
    const ffmpeg = resolveBinary('ffmpeg', undefined, [join(root, 'bin')], join(root, 'path'));
    expect(ffmpeg.path).toBeNull();
    expect(ffmpeg.problem).toContain('./bin or PATH');
    expect(ffmpeg.problem).toContain('FFMPEG_BINARY');

    const ffprobe = resolveBinary('ffprobe', undefined, [], '');
    expect(ffprobe.path).toBeNull();
    expect(ffprobe.problem).toContain('./bin or PATH');
    expect(ffprobe.problem).toContain('FFPROBE_BINARY');
  });
});

describe('locateFfmpeg', () => {
  it('finds both binaries and reads the version from `ffmpeg -version`', async () => {
    const binDir = join(root, 'bin');
    const ffmpeg = fakeFfmpeg(binDir);
    const ffprobe = fakeFfprobe(binDir);

    const location = await locateFfmpeg({ binDirs: [binDir], pathEnv: '' });
    expect(location).toEqual({
      ffmpegPath: ffmpeg,
      ffprobePath: ffprobe,
      version: '9.9.9-test',
      problems: [],
    });
  });

  it('passes -version to ffmpeg', async () => {
    const binDir = join(root, 'bin');
    script(
      binDir,
      'ffmpeg',
      'for a in "$@"; do [ "$a" = -version ] && echo "ffmpeg version 1.2.3-args" && exit 0; done\nexit 3',
    );
    fakeFfprobe(binDir);
    const location = await locateFfmpeg({ binDirs: [binDir], pathEnv: '' });
    expect(location.version).toBe('1.2.3-args');
  });

  it('honours the explicit binaries over the bin dirs', async () => {
    const binDir = join(root, 'bin');
    fakeFfmpeg(binDir);
    fakeFfprobe(binDir);
    const explicitFfmpeg = script(
      join(root, 'x'),
      'my-ffmpeg',
      'echo "ffmpeg version 7.0-explicit"',
    );
    const explicitFfprobe = script(join(root, 'x'), 'my-ffprobe', 'exit 0');

    const location = await locateFfmpeg({
      ffmpegBinary: explicitFfmpeg,
      ffprobeBinary: explicitFfprobe,
      binDirs: [binDir],
      pathEnv: '',
    });
    expect(location.ffmpegPath).toBe(explicitFfmpeg);
    expect(location.ffprobePath).toBe(explicitFfprobe);
    expect(location.version).toBe('7.0-explicit');
    expect(location.problems).toEqual([]);
  });

  it('reports an ffmpeg that fails to run: version null and a problem naming it', async () => {
    const binDir = join(root, 'bin');
    const ffmpeg = script(binDir, 'ffmpeg', 'echo "broken" >&2\nexit 1');
    fakeFfprobe(binDir);

    const location = await locateFfmpeg({ binDirs: [binDir], pathEnv: '' });
    expect(location.ffmpegPath).toBe(ffmpeg);
    expect(location.version).toBeNull();
    expect(location.problems).toHaveLength(1);
    expect(location.problems[0]).toContain(ffmpeg);
    expect(location.problems[0]).toMatch(/did not answer -version/);
  });

  it('gives version null when the output has no version line', async () => {
    const binDir = join(root, 'bin');
    script(binDir, 'ffmpeg', 'echo "something else entirely"');
    fakeFfprobe(binDir);
    const location = await locateFfmpeg({ binDirs: [binDir], pathEnv: '' });
    expect(location.version).toBeNull();
    expect(location.problems).toHaveLength(1);
  });

  it('lists one problem per missing binary and does not run anything', async () => {
    const location = await locateFfmpeg({ binDirs: [join(root, 'bin')], pathEnv: '' });
    expect(location.ffmpegPath).toBeNull();
    expect(location.ffprobePath).toBeNull();
    expect(location.version).toBeNull();
    expect(location.problems).toHaveLength(2);
    expect(location.problems[0]).toContain('FFMPEG_BINARY');
    expect(location.problems[1]).toContain('FFPROBE_BINARY');
  });

  it('reports a missing ffprobe while still reading the ffmpeg version', async () => {
    const binDir = join(root, 'bin');
    fakeFfmpeg(binDir);
    const location = await locateFfmpeg({ binDirs: [binDir], pathEnv: '' });
    expect(location.version).toBe('9.9.9-test');
    expect(location.ffprobePath).toBeNull();
    expect(location.problems).toEqual([expect.stringContaining('FFPROBE_BINARY')]);
  });
});

describe('FfmpegMissingError', () => {
  it('carries every problem in its message', () => {
    const error = new FfmpegMissingError({
      ffmpegPath: null,
      ffprobePath: null,
      version: null,
      problems: ['first problem', 'second problem'],
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FfmpegMissingError');
    expect(error.message).toBe('ffmpeg is not available: first problem; second problem');
  });
});
