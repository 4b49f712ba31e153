import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  makeTestClip,
  serveFile,
  startTestServer,
  trickle,
  type TestServer,
} from './test-server.spec-helper.js';
import {
  locateYtDlp,
  parseYtDlpProgress,
  runYtDlp,
  type YtDlpOptions,
} from './yt-dlp.repository.js';

/**
 * The real yt-dlp, but on yt-dlp's generic extractor against a local server: the Twitch
 * extractor needs twitch.tv, which these tests cannot reach.
 */

let folder: string;
let clip: string;
let server: TestServer;
let destDir: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-yt-dlp-spec-'));
  clip = makeTestClip(folder);
  server = await startTestServer({
    '/clip.mp4': serveFile(clip),
    '/slow.mp4': trickle(5_000_000, 16 * 1024, 20),
    '/endless.mp4': trickle(Infinity, 64 * 1024, 5, false),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  destDir = mkdtempSync(join(folder, 'dest-'));
});

function run(path: string, options: Partial<YtDlpOptions> = {}) {
  return runYtDlp(server.url(path), {
    binary: locateYtDlp(undefined),
    extraArgs: [],
    destDir,
    maxBytes: 10_000_000,
    timeoutSeconds: 10,
    signal: new AbortController().signal,
    sizeCheckMs: 100,
    ...options,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('parseYtDlpProgress', () => {
  it('reads the percentage of --newline progress lines only', () => {
    expect(parseYtDlpProgress('[download]  45.3% of   12.34MiB at  1.23MiB/s ETA 00:05')).toBe(
      45.3,
    );
    expect(parseYtDlpProgress('[download] 100% of  190.11KiB in 00:00:00 at 37.91MiB/s')).toBe(100);
    expect(parseYtDlpProgress('[download] Destination: /tmp/x/download.mp4')).toBeNull();
    expect(parseYtDlpProgress('[generic] clip: Downloading webpage')).toBeNull();
  });
});

describe('locateYtDlp', () => {
  it('names YT_DLP_BINARY when it points nowhere', () => {
    expect(() => locateYtDlp('/nonexistent/yt-dlp')).toThrow(
      'yt-dlp is not available: YT_DLP_BINARY=/nonexistent/yt-dlp is not an executable file',
    );
  });

  it('says where to put it when it is nowhere', () => {
    expect(() => locateYtDlp(undefined, [], '')).toThrow(/yt-dlp not found in \.\/bin or PATH/);
  });
});

describe('runYtDlp (real yt-dlp, local server)', () => {
  it('downloads a direct video URL with progress', async () => {
    const progress: number[] = [];
    const lines: string[] = [];
    const result = await run('/clip.mp4', {
      onProgress: (p) => progress.push(p),
      onLog: (l) => lines.push(l),
    });
    expect(readFileSync(result.path).equals(readFileSync(clip))).toBe(true);
    expect(result.sizeBytes).toBe(readFileSync(clip).length);
    expect(result.path).toMatch(/download\.mp4$/);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    expect(lines.some((l) => l.includes('Destination'))).toBe(true);
  });

  it('refuses a file whose Content-Length is over --max-filesize', async () => {
    await expect(run('/clip.mp4', { maxBytes: 1000 })).rejects.toThrow(
      /^The file is too large \(190\.\d KiB, the limit is 1000 bytes\)$/,
    );
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('kills it when a body without Content-Length grows over the cap', async () => {
    let pid = 0;
    await expect(
      run('/endless.mp4', { maxBytes: 500_000, onStart: (p) => (pid = p) }),
    ).rejects.toThrow('The file is too large (more than the limit is 488.3 KiB)');
    expect(isAlive(pid)).toBe(false);
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('names the HTTP status of an error answer', async () => {
    await expect(run('/missing.mp4')).rejects.toThrow('The server answered 404 Not Found');
  });

  it('is killed by cancel, and the download stops', async () => {
    const abort = new AbortController();
    let pid = 0;
    const done = run('/slow.mp4', {
      signal: abort.signal,
      onStart: (p) => (pid = p),
      onProgress: (percent) => {
        if (percent > 0.5) abort.abort();
      },
    });
    await expect(done).rejects.toThrow('Cancelled');
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.closedEarly.has('/slow.mp4')).toBe(true);
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('reports a binary that cannot start', async () => {
    await expect(run('/clip.mp4', { binary: join(folder, 'no-such-binary') })).rejects.toThrow(
      /^yt-dlp could not start: spawn .*no-such-binary ENOENT$/,
    );
  });
});
