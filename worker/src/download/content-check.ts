import { open } from 'node:fs/promises';

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const JSON_TYPES = ['application/json', 'text/json'];

/** Why a response's Content-Type cannot be a video, or null when it may be one. */
export function refusalForContentType(contentType: string | undefined): string | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (HTML_TYPES.includes(type)) return 'The URL returned an HTML page, not a video';
  if (JSON_TYPES.includes(type) || type.endsWith('+json')) {
    return 'The URL returned JSON data, not a video';
  }
  return null;
}

/** Why a file's first bytes say it is a web page or JSON, or null when they do not. */
export function refusalForLeadingBytes(head: Buffer): string | null {
  const text = head
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|\?xml|!--)/.test(text)) {
    return 'The URL returned an HTML page, not a video';
  }
  if (/^[{[]/.test(text)) return 'The URL returned JSON data, not a video';
  return null;
}

export async function refusalForFile(path: string): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(512), 0, 512, 0);
    return refusalForLeadingBytes(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}
