export * from './auth.js';
export * from './api-paths.js';
export * from './health.js';
export * from './jobs.js';
export * from './media.js';
export * from './projects.js';
export * from './queues.js';
export * from './worker-protocol.js';
