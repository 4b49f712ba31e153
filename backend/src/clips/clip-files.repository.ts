import { randomUUID } from 'node:crypto';
import { copyFile, link, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Temporary files of finished downloads, until the library takes them in. */
@Injectable()
export class ClipFilesRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * A file an in-process job made, as a temporary file of our own (the job keeps and cleans
   * its path): a hard link when both are on one filesystem, else a copy.
   */
  async copyIn(localPath: string): Promise<string> {
    const folder = join(this.config.paths.instance, 'tmp', 'clip-downloads');
    await mkdir(folder, { recursive: true });
    const tmpPath = join(folder, randomUUID());
    await link(localPath, tmpPath).catch(() => copyFile(localPath, tmpPath));
    return tmpPath;
  }

  async size(path: string): Promise<number> {
    return (await stat(path)).size;
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
