/** Where the creator box of a clip goes: sizes at 1080p, scaled with the output height. */
export interface OverlayLayout {
  box: { x: number; y: number; w: number; h: number };
  avatar: { x: number; y: number; size: number } | null;
  textX: number;
  lines: { kind: 'clipBy' | 'creator' | 'game'; text: string; y: number; size: number }[];
}

export const MAX_CREATOR_CHARS = 28;
export const MAX_GAME_CHARS = 36;

export const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** DejaVu Sans advances average under 0.62 em (bold 0.7): the box is sized from that. */
const textWidth = (text: string, size: number, bold: boolean) =>
  Math.ceil(text.length * size * (bold ? 0.7 : 0.62));

/**
 * A translucent box in the lower left: the avatar (128 px at 1080p) on the left, then a small
 * "clip by", the creator's name large and the game smaller.
 */
export function layoutOverlay(input: {
  width: number;
  height: number;
  creator: string;
  game: string | null;
  withAvatar: boolean;
}): OverlayLayout {
  const px = (value: number) => Math.max(1, Math.round((value * input.height) / 1080));
  const [small, large, medium, gap, pad, avatar] = [26, 54, 30, 8, 20, 128].map(px) as number[];
  const sizes = [small!, large!, ...(input.game ? [medium!] : [])];
  const textHeight = sizes.reduce((sum, size) => sum + size, 0) + gap! * (sizes.length - 1);
  const h = Math.max(input.withAvatar ? avatar! : 0, textHeight) + 2 * pad!;
  const x = px(48);
  const y = input.height - px(64) - h;
  const textX = x + pad! + (input.withAvatar ? avatar! + px(24) : 0);
  const widest = Math.max(
    textWidth('clip by', small!, false),
    textWidth(input.creator, large!, true),
    input.game ? textWidth(input.game, medium!, false) : 0,
  );
  const w = Math.min(textX - x + widest + pad!, input.width - 2 * x);
  let lineY = y + Math.round((h - textHeight) / 2);
  const texts = [
    { kind: 'clipBy' as const, text: 'clip by', size: small! },
    { kind: 'creator' as const, text: input.creator, size: large! },
    ...(input.game ? [{ kind: 'game' as const, text: input.game, size: medium! }] : []),
  ];
  const lines = texts.map((line) => {
    const placed = { ...line, y: lineY };
    lineY += line.size + gap!;
    return placed;
  });
  return {
    box: { x, y, w, h },
    avatar: input.withAvatar
      ? { x: x + pad!, y: y + Math.round((h - avatar!) / 2), size: avatar! }
      : null,
    textX,
    lines,
  };
}
