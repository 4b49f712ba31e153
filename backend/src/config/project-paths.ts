import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: backend/{src,dist}/config → three levels up. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const DEFAULT_INSTANCE_MOUNT = '/mnt/clippyfront';

export interface InstancePathInput {
  CLIPPY_INSTANCE_PATH?: string;
  REQUIRE_INSTANCE_MOUNT: boolean;
}

/**
 * CLIPPY_INSTANCE_PATH wins; else the shared mount when present; else ./instance.
 * REQUIRE_INSTANCE_MOUNT refuses to fall back to a local folder.
 */
export function resolveInstancePath(
  input: InstancePathInput,
  mountExists: (path: string) => boolean = existsSync,
): string {
  if (input.CLIPPY_INSTANCE_PATH) {
    const path = resolve(input.CLIPPY_INSTANCE_PATH);
    if (input.REQUIRE_INSTANCE_MOUNT && !mountExists(path)) {
      throw new Error(
        `CLIPPY_INSTANCE_PATH: ${path} does not exist and REQUIRE_INSTANCE_MOUNT is set`,
      );
    }
    return path;
  }
  if (mountExists(DEFAULT_INSTANCE_MOUNT)) return DEFAULT_INSTANCE_MOUNT;
  if (input.REQUIRE_INSTANCE_MOUNT) {
    throw new Error(
      `CLIPPY_INSTANCE_PATH: not set and ${DEFAULT_INSTANCE_MOUNT} is missing, but REQUIRE_INSTANCE_MOUNT is set`,
    );
  }
  return resolve(PROJECT_ROOT, 'instance');
}
