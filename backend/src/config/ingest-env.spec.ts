import { loadAppConfig } from './app-config.js';

const base = { CLIPPY_INSTANCE_PATH: '/tmp/clippy-config-spec' };
const on = {
  ...base,
  INGEST_IMPORT_ENABLED: 'true',
  INGEST_ROOT: '/srv/ingest',
  INGEST_IMPORT_USERNAME: 'archivist',
  INGEST_IMPORT_PROJECT: 'Imported renders',
};

describe('INGEST_IMPORT_* settings', () => {
  it('are off by default, with the original defaults', () => {
    expect(loadAppConfig(base).ingest).toEqual({
      enabled: false,
      root: null,
      username: null,
      project: null,
      createProject: true,
      pattern: '*.mp4',
      action: 'copy',
      stableSeconds: 60,
      workerIds: [],
      intervalSeconds: 60,
    });
  });

  it('reads every setting', () => {
    const config = loadAppConfig({
      ...on,
      INGEST_IMPORT_CREATE_PROJECT: 'no',
      INGEST_IMPORT_PATTERN: '*.{mp4,mkv}',
      INGEST_IMPORT_ACTION: 'link',
      INGEST_IMPORT_STABLE_SECONDS: '0',
      INGEST_IMPORT_WORKER_IDS: ' render-01, gpu_2 ,',
      INGEST_IMPORT_INTERVAL_SECONDS: '30',
    });
    expect(config.ingest).toEqual({
      enabled: true,
      root: '/srv/ingest',
      username: 'archivist',
      project: 'Imported renders',
      createProject: false,
      pattern: '*.{mp4,mkv}',
      action: 'link',
      stableSeconds: 0,
      workerIds: ['render-01', 'gpu_2'],
      intervalSeconds: 30,
    });
  });

  it.each([
    ['INGEST_IMPORT_ENABLED', 'maybe', /INGEST_IMPORT_ENABLED: /],
    ['INGEST_ROOT', 'relative/dir', /INGEST_ROOT: must be an absolute path/],
    ['INGEST_IMPORT_CREATE_PROJECT', '2', /INGEST_IMPORT_CREATE_PROJECT: /],
    ['INGEST_IMPORT_PATTERN', 'videos/*.mp4', /INGEST_IMPORT_PATTERN: must be a file-name glob/],
    ['INGEST_IMPORT_ACTION', 'teleport', /INGEST_IMPORT_ACTION: must be one of copy, move, link/],
    ['INGEST_IMPORT_STABLE_SECONDS', '-1', /INGEST_IMPORT_STABLE_SECONDS: /],
    ['INGEST_IMPORT_STABLE_SECONDS', 'soon', /INGEST_IMPORT_STABLE_SECONDS: /],
    ['INGEST_IMPORT_WORKER_IDS', 'a,../b', /INGEST_IMPORT_WORKER_IDS: must be a comma-separated/],
    ['INGEST_IMPORT_INTERVAL_SECONDS', '1', /INGEST_IMPORT_INTERVAL_SECONDS: /],
    ['INGEST_IMPORT_PROJECT', 'x'.repeat(121), /INGEST_IMPORT_PROJECT: must be at most 120/],
  ])('refuses %s=%j, naming it', (name, value, message) => {
    expect(() => loadAppConfig({ ...on, [name]: value })).toThrow(message);
  });

  it.each(['INGEST_ROOT', 'INGEST_IMPORT_USERNAME', 'INGEST_IMPORT_PROJECT'])(
    'needs %s when the importer is on',
    (name) => {
      expect(() => loadAppConfig({ ...on, [name]: '' })).toThrow(
        new RegExp(`${name}: is required when INGEST_IMPORT_ENABLED is on`),
      );
      expect(() => loadAppConfig({ ...base, [name]: '' })).not.toThrow();
    },
  );
});
