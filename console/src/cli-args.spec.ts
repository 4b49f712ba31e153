import { defaultLogsDir, parseCliArgs, UsageError } from './cli-args.js';

const ROOT = '/srv/clippyfront';
const options = (
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  readFile?: (path: string) => string,
) => {
  const parsed = parseCliArgs(argv, env, ROOT, readFile);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
};

describe('parseCliArgs', () => {
  it('defaults to the local API and the instance logs', () => {
    expect(options([], { CLIPPY_INSTANCE_PATH: '/data/clippy' })).toEqual({
      apiUrl: 'http://127.0.0.1:3000',
      token: null,
      logsDir: '/data/clippy/logs',
      logsUnavailable: null,
      intervalMs: 3000,
    });
    expect(options([], { PORT: '8000', CLIPPY_API_TOKEN: ' cfp_env ' })).toMatchObject({
      apiUrl: 'http://127.0.0.1:8000',
      token: 'cfp_env',
    });
  });

  it('a remote API has no logs unless --logs names a folder', () => {
    const remote = options(['--api', 'https://clips.example.org/', '--token', 'cfp_x']);
    expect(remote).toMatchObject({
      apiUrl: 'https://clips.example.org',
      token: 'cfp_x',
      logsDir: null,
    });
    expect(remote.logsUnavailable).toMatch(/only available locally/);
    expect(options(['--api', 'https://clips.example.org', '--logs', '/mnt/logs']).logsDir).toBe(
      '/mnt/logs',
    );
  });

  it('reads the token from a file, and says which flag is wrong', () => {
    expect(options(['--token-file', '/t'], {}, () => 'cfp_file\n').token).toBe('cfp_file');
    expect(() =>
      options(['--token-file', '/t'], {}, () => {
        throw Object.assign(new Error('no'), { code: 'ENOENT' });
      }),
    ).toThrow('--token-file: ENOENT');
    expect(() => options(['--api', 'ftp://x'])).toThrow(UsageError);
    expect(() => options(['--interval', '0'])).toThrow('--interval');
    expect(() => options(['--what'])).toThrow(UsageError);
    expect(parseCliArgs(['--help'], {}, ROOT)).toEqual({ help: true });
  });

  it('finds the instance as the API does: env, then the shared mount, then ./instance', () => {
    expect(defaultLogsDir({ CLIPPY_INSTANCE_PATH: '/x' }, ROOT, () => true)).toBe('/x/logs');
    expect(defaultLogsDir({}, ROOT, () => true)).toBe('/mnt/clippyfront/logs');
    expect(defaultLogsDir({}, ROOT, () => false)).toBe('/srv/clippyfront/instance/logs');
  });
});
