import { join } from 'node:path';
import { DEFAULT_INSTANCE_MOUNT, PROJECT_ROOT, resolveInstancePath } from './project-paths.js';

const exists = (paths: string[]) => (path: string) => paths.includes(path);

describe('resolveInstancePath', () => {
  it('uses CLIPPY_INSTANCE_PATH first', () => {
    expect(
      resolveInstancePath(
        { CLIPPY_INSTANCE_PATH: '/srv/cf', REQUIRE_INSTANCE_MOUNT: false },
        exists([]),
      ),
    ).toBe('/srv/cf');
  });

  it('uses /mnt/clippyfront when it exists, else ./instance', () => {
    expect(
      resolveInstancePath({ REQUIRE_INSTANCE_MOUNT: false }, exists([DEFAULT_INSTANCE_MOUNT])),
    ).toBe(DEFAULT_INSTANCE_MOUNT);
    expect(resolveInstancePath({ REQUIRE_INSTANCE_MOUNT: false }, exists([]))).toBe(
      join(PROJECT_ROOT, 'instance'),
    );
  });

  it('fails fast under REQUIRE_INSTANCE_MOUNT when no mount is there', () => {
    expect(() => resolveInstancePath({ REQUIRE_INSTANCE_MOUNT: true }, exists([]))).toThrow(
      /REQUIRE_INSTANCE_MOUNT/,
    );
    expect(
      resolveInstancePath({ REQUIRE_INSTANCE_MOUNT: true }, exists([DEFAULT_INSTANCE_MOUNT])),
    ).toBe(DEFAULT_INSTANCE_MOUNT);
  });
});
