/**
 * One jest run, several projects: `unit` (no I/O beyond temp files), `integration` (real
 * PostgreSQL, Redis, ffmpeg, processes), `e2e` (real Chromium), and the Angular `frontend`.
 * Node code is ESM (Nest 12 is ESM-only), so jest runs with --experimental-vm-modules.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** The console (ink) is written in TSX. */
const swcTsx = [
  '@swc/jest',
  {
    ...swc[1],
    jsc: {
      ...swc[1].jsc,
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
    },
  },
];

const node = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.ts$': swc, '^.+\\.tsx$': swcTsx },
  moduleNameMapper: {
    '^@clippyfront/shared/node$': '<rootDir>/shared/src/node/index.ts',
    '^@clippyfront/shared$': '<rootDir>/shared/src/index.ts',
    '^@clippyfront/worker$': '<rootDir>/worker/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: '.',
  setupFiles: ['<rootDir>/jest.nest-preload.ts'],
};

export default {
  testTimeout: 120_000,
  projects: [
    {
      ...node,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{shared,worker,backend}/src/**/*.spec.ts',
        '<rootDir>/deploy/*.spec.ts',
        '<rootDir>/console/src/**/*.spec.{ts,tsx}',
      ],
    },
    {
      ...node,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{worker,backend,console}/test/**/*.int-spec.ts',
        '<rootDir>/deploy/**/*.int-spec.ts',
      ],
    },
    {
      ...node,
      displayName: 'e2e',
      testMatch: ['<rootDir>/frontend/e2e/**/*.e2e-spec.ts'],
    },
    '<rootDir>/frontend/jest.config.mjs',
  ],
};
