/** What the API process reuses to run jobs in-process (embedded mode). */
export * from './artifacts/artifact-dir.js';
export * from './artifacts/artifact-settings.js';
export * from './artifacts/artifact-states.js';
export * from './artifacts/clip-artifact.js';
export * from './compile/index.js';
export * from './download/address-policy.js';
export * from './download/download-settings.js';
export * from './download/safe-http-download.js';
export * from './download/twitch-url.js';
export * from './download/url-guard.js';
export * from './ffmpeg/ffmpeg-locator.js';
export * from './ffmpeg/ffmpeg.repository.js';
export * from './handlers/index.js';
export * from './runtime/job-report-buffer.js';
export * from './runtime/redis-options.js';
export * from './runtime/run-job.js';
export { removeOrphanedWorkDirs } from './runtime/work-dirs.js';
export * from './runtime/claim-lost.js';
