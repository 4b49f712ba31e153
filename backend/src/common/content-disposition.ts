/** Control characters, path separators and what Windows refuses in file names. */
const UNSAFE = /[\u0000-\u001f\u007f/\\:*?"<>|]+/g;

/**
 * A download's file name from a user-chosen title: unsafe characters become `_`, blanks are
 * squeezed, at most `maxLength` characters (whole code points); `fallback` when nothing is left.
 */
export function safeFileStem(title: string, fallback = 'compilation', maxLength = 150): string {
  const clean = title.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim();
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
