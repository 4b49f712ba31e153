const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** "10mb" → 10485760; a bare number is bytes. */
export function parseByteSize(size: string): number {
  const match = /^(\d+)(b|kb|mb|gb)?$/i.exec(size.trim());
  if (!match) throw new Error(`${size} is not a size such as 512kb or 10mb`);
  return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!;
}
