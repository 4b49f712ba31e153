import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';

const API_MAIN = join(PROJECT_ROOT, 'backend', 'dist', 'main.js');

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [API_MAIN], {
    env: { PATH: process.env.PATH ?? '', CLIPPY_INSTANCE_PATH: '/tmp/clippyfront-startup', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('API start-up with a bad configuration', () => {
  it('stops before doing anything, naming each bad variable', () => {
    const result = start({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x', LOG_LEVEL: 'loud' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/^Invalid configuration:/);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a URL starting with postgres/);
    expect(result.stderr).toMatch(/LOG_LEVEL: /);
  });

  it('requires WORKER_API_KEY when REDIS_URL is set', () => {
    const result = start({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/WORKER_API_KEY: is required when REDIS_URL is set/);
  });
});
