import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under a folder, recursively; none when the folder does not exist. */
export function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
