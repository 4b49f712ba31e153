import { safeFileStem } from '../common/content-disposition.js';
import type { CompilationEntity } from './compilation.entity.js';

/** A finished compilation's video as a download named after the project (`My video.mp4`). */
export function downloadFileName(
  projectName: string,
  row: Pick<CompilationEntity, 'settings'>,
): string {
  return `${safeFileStem(projectName)}.${row.settings.format ?? 'mp4'}`;
}
