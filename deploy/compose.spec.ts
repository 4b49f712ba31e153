import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  checkImages,
  COMPOSE_DIR,
  envExampleNames,
  undocumentedEnv,
  type ComposeFile,
} from './compose-check.js';

const ROOT = join(COMPOSE_DIR, '..');
const TEXT = readFileSync(join(COMPOSE_DIR, 'compose.yaml'), 'utf8');
const COMPOSE = parse(TEXT) as ComposeFile & {
  services: Record<
    string,
    {
      profiles?: string[];
      runtime?: string;
      deploy?: unknown;
      networks?: unknown;
      volumes?: string[];
    }
  >;
};
const EXAMPLE = envExampleNames(readFileSync(join(ROOT, '.env.example'), 'utf8'));

describe('deploy/compose.yaml', () => {
  it('describes every variable a service reads, or the file interpolates, in .env.example', () => {
    expect(EXAMPLE.has('DATABASE_URL')).toBe(true);
    expect(undocumentedEnv(COMPOSE, TEXT, EXAMPLE)).toEqual([]);
  });

  it('builds images that hold what their start command and health check run', () => {
    const checks = checkImages(COMPOSE, COMPOSE_DIR);
    expect(checks.map((c) => c.service).sort()).toEqual([
      'api',
      'artifact-sync',
      'worker',
      'worker-gpu',
    ]);
    for (const check of checks) expect(check).toMatchObject({ problems: [] });
    const needs = Object.fromEntries(checks.map((c) => [c.service, c.needs]));
    expect(needs.api).toEqual(['backend/dist/main.js']);
    expect(needs.worker).toEqual(['worker/dist/main.js']);
    expect(needs['worker-gpu']).toEqual(['worker/dist/main.js', 'worker/dist/cli/check-nvenc.js']);
    expect(needs['artifact-sync']).toEqual(['artifact-sync.mjs']);
  });

  it('has the GPU worker (NVIDIA, NVENC), the CPU worker, the sidecar and the proxy', () => {
    const { worker, proxy, api } = COMPOSE.services;
    const gpu = COMPOSE.services['worker-gpu'];
    expect(gpu.profiles).toEqual(['gpu']);
    expect(gpu.runtime).toBe('nvidia');
    expect(JSON.stringify(gpu.deploy)).toContain('"driver":"nvidia"');
    expect(gpu.environment).toMatchObject({
      WORKER_QUEUES: 'gpu,celery',
      NVIDIA_DRIVER_CAPABILITIES: expect.stringContaining('video'),
    });
    expect(worker.environment).toMatchObject({ WORKER_QUEUES: 'celery' });
    expect(COMPOSE.services['artifact-sync'].profiles).toEqual(['artifacts']);
    expect(proxy.profiles).toEqual(['proxy']);
    expect(proxy.volumes).toContain('./proxy/Caddyfile:/etc/caddy/Caddyfile:ro');
    // The API believes X-Forwarded-* from the proxy's fixed address only.
    const proxyAddress = (proxy.networks as { edge: { ipv4_address: string } }).edge.ipv4_address;
    expect(api.environment).toMatchObject({ TRUST_PROXY: `\${TRUST_PROXY:-${proxyAddress}}` });
    for (const service of [worker, gpu]) {
      expect(Object.keys(service.environment ?? {})).not.toContain('DATABASE_URL');
    }
  });
});

describe('the compose checks fail where they should', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clippyfront-compose-'));
    mkdirSync(join(dir, 'app', 'src'), { recursive: true });
    writeFileSync(join(dir, 'app', 'src', 'main.ts'), '');
    writeFileSync(
      join(dir, 'app', 'package.json'),
      JSON.stringify({ scripts: { start: 'node dist/main.js' } }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const imageProblems = (dockerfile: string, ignore = '') => {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    writeFileSync(join(dir, '.dockerignore'), ignore);
    const compose = { services: { app: { build: { context: '.' } } } };
    return checkImages(compose, dir)[0].problems;
  };

  it('names variables missing from .env.example', () => {
    const text = 'services:\n  a:\n    environment:\n      NEW_SETTING: ${OTHER:-x}\n';
    expect(undocumentedEnv(parse(text) as ComposeFile, text, new Set())).toEqual([
      'a: NEW_SETTING',
      '${OTHER}',
    ]);
  });

  it('accepts a copied, installed and built workspace', () => {
    const good =
      'FROM node\nWORKDIR /srv\nCOPY . .\nRUN npm install && npm run build -w app\nCMD ["npm", "run", "start", "-w", "app"]\n';
    expect(imageProblems(good)).toEqual([]);
  });

  it('finds an image that never builds, copies or installs what it starts', () => {
    expect(
      imageProblems(
        'FROM node\nWORKDIR /srv\nCOPY . .\nRUN npm install\nCMD ["npm", "run", "start", "-w", "app"]\n',
      ),
    ).toEqual(['/srv/app/dist/main.js: no RUN builds the app workspace']);
    expect(
      imageProblems(
        'FROM node\nWORKDIR /srv\nCOPY app/package.json app/\nRUN npm install && npm run build\nCMD ["npm", "run", "start", "-w", "app"]\n',
      ),
    ).toEqual(['/srv/app/dist/main.js: no COPY puts it in the image']);
    expect(
      imageProblems(
        'FROM node\nWORKDIR /srv\nCOPY . .\nRUN npm install && npm run build\nCMD ["npm", "run", "start", "-w", "app"]\n',
        '**/src\n',
      ),
    ).toEqual(['/srv/app/dist/main.js: neither it nor its source app/src/main.ts is copied']);
    expect(
      imageProblems('FROM node\nWORKDIR /srv\nCOPY . .\nCMD ["node", "missing.mjs"]\n'),
    ).toEqual(['/srv/missing.mjs: missing.mjs is not in the build context']);
  });
});
