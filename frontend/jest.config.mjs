// Jest project for the Angular SPA (jest-preset-angular, CommonJS mode, zoneless).
// Run from the repo root: `npx jest -c frontend/jest.config.mjs`, or `npm test -w frontend`.
import presets from 'jest-preset-angular/presets/index.js';

const { createCjsPreset } = presets;

// `useESM` only takes effect for files Jest itself loads as ESM. Specs and app code stay
// CommonJS; but when Jest runs with --experimental-vm-modules on Node >= 24.9 it loads Angular's
// `.mjs` bundles natively as ESM (require(esm)), and they must then be left as ESM instead of
// being converted to CommonJS. Without the flag they are converted to CommonJS as usual.
const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json', useESM: true });

/** @type {import('jest').Config} */
export default {
  ...preset,
  displayName: 'frontend',
  rootDir: import.meta.dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: {
    // The shared package is ESM; compile its TypeScript sources with ts-jest instead.
    '^@clippyfront/shared$': '<rootDir>/../shared/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  clearMocks: true,
  restoreMocks: true,
};
