import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filterValue } from './filter-escape.js';
import { FONTS } from './fonts.js';
import { buildOverlay, overlayWindow, type OverlayInput } from './overlay.js';
import { layoutOverlay } from './overlay-layout.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-overlay-spec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const base = (overrides: Partial<OverlayInput> = {}): OverlayInput => ({
  creatorName: 'alice',
  gameName: 'Chess',
  avatarPath: null,
  watermark: null,
  durationSeconds: 20,
  width: 1920,
  height: 1080,
  dir,
  id: 'clip-0',
  ...overrides,
});

describe('overlay', () => {
  it('shows the box from 3 s to 10 s, earlier for short clips', () => {
    expect(overlayWindow(30)).toEqual({ start: 3, end: 10 });
    expect(overlayWindow(6)).toEqual({ start: 2, end: 6 });
  });

  it('draws the box and the three lines once, as a picture laid over the window', async () => {
    const graph = await buildOverlay(base({ creatorName: "Bob's: [x], y; z" }));
    const layout = layoutOverlay({
      ...base(),
      creator: "Bob's: [x], y; z",
      game: 'Chess',
      withAvatar: false,
    });
    const { box } = layout;
    expect(graph!.inputs).toEqual([]);
    expect(graph!.filter).toMatch(
      new RegExp(
        `^color=c=black@0\\.55:s=${box.w}x${box.h}:r=1:d=1,format=rgba,pad=w=\\d+:h=${box.h}:`,
      ),
    );
    expect(graph!.filter.match(/drawtext=/g)).toHaveLength(3);
    expect(graph!.filter).toContain('text=clip by');
    expect(graph!.filter).toContain('expansion=none');
    expect(graph!.filter).toContain(`fontfile=${filterValue(FONTS.bold)}`);
    // Text positions are within the picture.
    expect(graph!.filter).toContain(`x=${layout.textX - box.x}:y=${layout.lines[1]!.y - box.y}`);
    expect(graph!.filter).toMatch(
      new RegExp(
        `\\[base\\]\\[card0\\]overlay=x=${box.x}:y=${box.y}:enable=between\\(t\\\\,3\\.000\\\\,10\\.000\\)\\[v\\]$`,
      ),
    );
    expect(readFileSync(join(dir, 'clip-0-creator.txt'), 'utf8')).toBe("Bob's: [x], y; z");
    expect(readFileSync(join(dir, 'clip-0-game.txt'), 'utf8')).toBe('Chess');
  });

  it('pastes the avatar into the picture, beside the text, from a second input', async () => {
    const graph = await buildOverlay(base({ avatarPath: '/a/avatar.png' }));
    const layout = layoutOverlay({
      width: 1920,
      height: 1080,
      creator: 'alice',
      game: 'Chess',
      withAvatar: true,
    });
    const { avatar, box } = layout;
    expect(graph!.inputs).toEqual(['-i', '/a/avatar.png']);
    expect(graph!.filter).toContain(
      '[1:v]scale=128:128:force_original_aspect_ratio=increase,crop=128:128',
    );
    expect(graph!.filter).toContain(
      `[card0][in1]overlay=x=${avatar!.x - box.x}:y=${avatar!.y - box.y}:format=auto[card0i]`,
    );
    expect(graph!.filter).toMatch(/\[base\]\[card0i\]overlay=.*\[v\]$/);
    expect(layout.textX).toBeGreaterThan(avatar!.x + 128);
  });

  it('adds the watermark, text or image, 0.3 opaque with a 20 px margin', async () => {
    const text = await buildOverlay(
      base({ creatorName: null, watermark: { text: 'ClippyFront' } }),
    );
    expect(text!.filter).toMatch(
      /^\[base\]drawtext=.*fontcolor=white@0\.3:x=w-tw-20:y=h-th-20\[v\]$/,
    );
    expect(readFileSync(join(dir, 'clip-0-watermark.txt'), 'utf8')).toBe('ClippyFront');
    const image = await buildOverlay(
      base({ avatarPath: '/a.png', watermark: { imagePath: '/w.png' } }),
    );
    expect(image!.inputs).toEqual(['-i', '/a.png', '-i', '/w.png']);
    expect(image!.filter).toContain(
      '[2:v]scale=w=-1:h=min(ih\\,97),format=rgba,colorchannelmixer=aa=0.3',
    );
    expect(image!.filter).toMatch(/overlay=x=W-w-20:y=H-h-20\[v\]$/);
  });

  it('is nothing without a creator and without a watermark', async () => {
    expect(await buildOverlay(base({ creatorName: '  ' }))).toBeNull();
  });

  it('scales with the output and keeps the box inside the frame', () => {
    const long = 'x'.repeat(60);
    const small = layoutOverlay({
      width: 320,
      height: 180,
      creator: long,
      game: long,
      withAvatar: true,
    });
    expect(small.avatar!.size).toBe(21);
    expect(small.box.x + small.box.w).toBeLessThanOrEqual(320);
    expect(small.box.y + small.box.h).toBeLessThanOrEqual(180);
    expect(small.lines.map((l) => l.kind)).toEqual(['clipBy', 'creator', 'game']);
  });

  it('escapes filter values for the option and the graph parser', () => {
    expect(filterValue("/a b/it's:[1],x;y\\z")).toBe(
      "/a b/it\\\\\\'s\\\\:\\[1\\]\\,x\\;y\\\\\\\\z",
    );
  });
});
