/** Path separators and what Windows refuses in file names (control characters too, below). */
const RESERVED = new Set([...'/\\:*?"<>|']);

const isUnsafe = (char: string) => {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f || RESERVED.has(char);
};

/** Each run of unsafe characters becomes one `_`. */
function replaceUnsafe(text: string): string {
  let out = '';
  let inRun = false;
  for (const char of text) {
    if (isUnsafe(char)) {
      if (!inRun) out += '_';
      inRun = true;
    } else {
      out += char;
      inRun = false;
    }
  }
  return out;
}

/**
 * A download's file name from a user-chosen title: unsafe characters become `_`, blanks are
 * squeezed, at most `maxLength` characters (whole code points); `fallback` when nothing is left.
 */
export function safeFileStem(title: string, fallback = 'compilation', maxLength = 150): string {
  const clean = replaceUnsafe(title).replace(/\s+/g, ' ').trim();
  const cut = Array.from(clean).slice(0, maxLength).join('').trim();
  return cut.replace(/^\.+/, '') || fallback;
}

/** RFC 8187 value characters: encodeURIComponent leaves `'()*!` alone, which must be escaped. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`: browsers use
 * the UTF-8 form, old clients the fallback (non-ASCII, quotes and backslashes become `_`).
 */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}
