import { extname } from 'node:path';
import { safeFileStem } from '../common/content-disposition.js';
import type { CompilationEntity } from './compilation.entity.js';

/**
 * A finished compilation's video as a download named after the project (`My video.mp4`): the
 * format it was rendered in, or an import's own file extension.
 */
export function downloadFileName(
  projectName: string,
  row: Pick<CompilationEntity, 'settings' | 'media'>,
): string {
  const own = extname(row.media?.name ?? '')
    .slice(1)
    .toLowerCase();
  const extension = row.settings?.format ?? (/^[a-z0-9]{1,5}$/.test(own) ? own : 'mp4');
  return `${safeFileStem(projectName)}.${extension}`;
}
