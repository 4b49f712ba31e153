import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filterValue } from './filter-escape.js';
import { FONTS } from './fonts.js';
import { layoutOverlay, MAX_CREATOR_CHARS, MAX_GAME_CHARS, truncate } from './overlay-layout.js';

export type WatermarkSpec = { text: string } | { imagePath: string };

export interface OverlayInput {
  creatorName: string | null;
  gameName: string | null;
  /** A local image of the creator, shown beside the text. */
  avatarPath: string | null;
  watermark: WatermarkSpec | null;
  durationSeconds: number;
  width: number;
  height: number;
  /** A private folder for the text files drawtext reads (no escaping of user text needed). */
  dir: string;
  /** Makes this segment's text file names unique in `dir`. */
  id: string;
}

/** Filters from `[base]` to `[v]`, and the inputs they read (indexes 1, 2, … of the run). */
export interface OverlayGraph {
  inputs: string[];
  filter: string;
}

export const WATERMARK_OPACITY = 0.3;
export const WATERMARK_MARGIN = 20;
const BOX_COLOUR = 'black@0.55';

/** About 3 s to 10 s into the clip; earlier and shorter for clips too short for that. */
export function overlayWindow(durationSeconds: number): { start: number; end: number } {
  return { start: Math.min(3, durationSeconds / 3), end: Math.min(10, durationSeconds) };
}

const filter = (name: string, options: Record<string, string | number>) =>
  `${name}=${Object.entries(options)
    .map(([key, value]) => `${key}=${filterValue(String(value))}`)
    .join(':')}`;

/** Builds `[base] → … → [v]` one step at a time, each step optionally overlaying an input. */
class Chain {
  readonly inputs: string[] = [];
  private readonly steps: string[] = [];
  private label = 'base';

  /** Adds an input to the ffmpeg run: its index there (the clip is 0). */
  private input(path: string): number {
    this.inputs.push('-i', path);
    return this.inputs.length / 2;
  }

  add(filters: string, overlayInput?: { path: string; prepare: string }) {
    const next = `o${this.steps.length}`;
    let step = `[${this.label}]${filters}[${next}]`;
    if (overlayInput) {
      const index = this.input(overlayInput.path);
      step = `[${index}:v]${overlayInput.prepare}[in${index}];[${this.label}][in${index}]${filters}[${next}]`;
    }
    this.steps.push(step);
    this.label = next;
  }

  /**
   * A still picture made once in the graph by `source` (RGBA; drawtext leaves its colours
   * premultiplied by alpha on a translucent background, so they are divided back), with an
   * image input pasted into it, laid over the video by `overlay`.
   */
  addCard(
    source: string,
    overlay: string,
    image?: { path: string; prepare: string; x: number; y: number },
  ) {
    const id = this.steps.length;
    const parts = [`${source},unpremultiply=inplace=1[card${id}]`];
    let card = `card${id}`;
    if (image) {
      const index = this.input(image.path);
      const at = filter('overlay', { x: image.x, y: image.y, format: 'auto' });
      parts.push(`[${index}:v]${image.prepare}[in${index}]`);
      parts.push(`[${card}][in${index}]${at}[card${id}i]`);
      card = `card${id}i`;
    }
    parts.push(`[${this.label}][${card}]${overlay}[o${id}]`);
    this.steps.push(parts.join(';'));
    this.label = `o${id}`;
  }

  graph(): OverlayGraph | null {
    if (!this.steps.length) return null;
    const filterGraph = this.steps.join(';').replace(/\[o\d+\]$/, '[v]');
    return { inputs: this.inputs, filter: filterGraph };
  }
}

/**
 * The creator box is one picture, drawn once and laid over the clip's frames in its window
 * (drawbox, three drawtexts and an overlay on every frame cost several times more). It reaches
 * a quarter of the box further right, transparent, so a name wider than the layout's estimate
 * still shows whole.
 */
async function addCreatorBox(chain: Chain, input: OverlayInput, creator: string) {
  const { start, end } = overlayWindow(input.durationSeconds);
  const enable = `between(t,${start.toFixed(3)},${end.toFixed(3)})`;
  const game = input.gameName?.trim() ? truncate(input.gameName.trim(), MAX_GAME_CHARS) : null;
  const layout = layoutOverlay({ ...input, creator, game, withAvatar: !!input.avatarPath });
  const { box, avatar } = layout;
  const width = Math.min(input.width - box.x, box.w + Math.ceil(box.w / 4));
  const card = [
    `color=c=${BOX_COLOUR}:s=${box.w}x${box.h}:r=1:d=1`,
    'format=rgba',
    filter('pad', { w: width, h: box.h, x: 0, y: 0, color: 'black@0' }),
  ];
  for (const line of layout.lines) {
    const common = { fontsize: line.size, x: layout.textX - box.x, y: line.y - box.y };
    if (line.kind === 'clipBy') {
      card.push(
        filter('drawtext', {
          fontfile: FONTS.regular,
          text: line.text,
          fontcolor: 'white@0.8',
          ...common,
        }),
      );
      continue;
    }
    const textfile = join(input.dir, `${input.id}-${line.kind}.txt`);
    await writeFile(textfile, line.text);
    const bold = line.kind === 'creator';
    card.push(
      filter('drawtext', {
        fontfile: bold ? FONTS.bold : FONTS.regular,
        textfile,
        expansion: 'none',
        fontcolor: bold ? 'white' : '#d8d8d8',
        ...common,
      }),
    );
  }
  const image =
    input.avatarPath && avatar
      ? {
          path: input.avatarPath,
          prepare: `scale=${avatar.size}:${avatar.size}:force_original_aspect_ratio=increase,crop=${avatar.size}:${avatar.size},format=rgba`,
          x: avatar.x - box.x,
          y: avatar.y - box.y,
        }
      : undefined;
  chain.addCard(card.join(','), filter('overlay', { x: box.x, y: box.y, enable }), image);
}

async function addWatermark(chain: Chain, input: OverlayInput, watermark: WatermarkSpec) {
  const margin = WATERMARK_MARGIN;
  if ('imagePath' in watermark) {
    const maxHeight = Math.max(1, Math.round(input.height * 0.09));
    const prepare = `scale=w=-1:h=min(ih\\,${maxHeight}),format=rgba,colorchannelmixer=aa=${WATERMARK_OPACITY}`;
    const at = { x: `W-w-${margin}`, y: `H-h-${margin}` };
    chain.add(filter('overlay', at), { path: watermark.imagePath, prepare });
    return;
  }
  const textfile = join(input.dir, `${input.id}-watermark.txt`);
  await writeFile(textfile, watermark.text);
  chain.add(
    filter('drawtext', {
      fontfile: FONTS.bold,
      textfile,
      expansion: 'none',
      fontsize: Math.max(8, Math.round(input.height / 30)),
      fontcolor: `white@${WATERMARK_OPACITY}`,
      x: `w-tw-${margin}`,
      y: `h-th-${margin}`,
    }),
  );
}

/** The creator box (lower left, about 3–10 s) and the watermark (lower right), or null. */
export async function buildOverlay(input: OverlayInput): Promise<OverlayGraph | null> {
  const chain = new Chain();
  const creator = input.creatorName?.trim();
  if (creator) await addCreatorBox(chain, input, truncate(creator, MAX_CREATOR_CHARS));
  if (input.watermark) await addWatermark(chain, input, input.watermark);
  return chain.graph();
}
