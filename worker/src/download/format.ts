import { STATUS_CODES } from 'node:http';

/** "12.3 MiB", "512 KiB", "87 bytes": for log lines and error messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

export function tooLargeMessage(bytes: number | null, maxBytes: number): string {
  const size = bytes === null ? 'more than' : `${formatBytes(bytes)},`;
  return `The file is too large (${size} the limit is ${formatBytes(maxBytes)})`;
}

export function httpStatusMessage(status: number): string {
  return `The server answered ${status} ${STATUS_CODES[status] ?? ''}`.trim();
}
