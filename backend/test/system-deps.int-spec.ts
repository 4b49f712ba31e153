import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { runCommand } from './support/processes.js';

const SCRIPT = join(PROJECT_ROOT, 'scripts', 'ensure-system-deps.sh');

interface Machine {
  uid: number;
  aptGet?: boolean;
  /** `sudo -n true` works (passwordless sudo). */
  sudo?: 'passwordless' | 'password' | 'none';
  ffmpeg?: boolean;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-deps-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `npm start`'s dependency step on a made-up machine: PATH holds only stand-ins for id,
 * apt-get and sudo (which log their calls instead of installing) and, if asked, ffmpeg. Nothing
 * on this machine is installed or removed.
 */
async function startStep(name: string, machine: Machine, args = ['--runtime', '--advise']) {
  const bin = join(dir, name);
  const log = join(dir, `${name}.log`);
  const tool = (file: string, body: string) =>
    writeFileSync(join(bin, file), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
  mkdirSync(bin);
  writeFileSync(log, '');
  symlinkSync('/usr/bin/env', join(bin, 'env'));
  tool('id', `echo ${machine.uid}`);
  if (machine.aptGet !== false) tool('apt-get', `echo "apt-get $*" >> '${log}'`);
  if (machine.sudo === 'passwordless') {
    tool(
      'sudo',
      `[ "$1" = -n ] && shift; echo "sudo $*" >> '${log}'; [ "$1" = true ] || exec "$@"`,
    );
  } else if (machine.sudo === 'password') {
    tool('sudo', `echo "sudo: a password is required" >&2; exit 1`);
  }
  if (machine.ffmpeg) {
    for (const file of ['ffmpeg', 'ffprobe', 'yt-dlp']) tool(file, 'exit 0');
  }
  const result = await runCommand('/bin/bash', [SCRIPT, ...args], { PATH: bin });
  const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  return { ...result, calls };
}

describe('npm start: scripts/ensure-system-deps.sh --runtime --advise', () => {
  it('is the first step of npm start', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toMatch(
      /^bash scripts\/ensure-system-deps\.sh --runtime --advise && /,
    );
  });

  it('as root with apt-get: installs what is missing (ffmpeg, yt-dlp), nothing for the tests', async () => {
    const run = await startStep('root', { uid: 0 });
    expect(run.status).toBe(0);
    expect(run.calls[0]).toBe('apt-get update -qq');
    expect(run.calls[1]).toMatch(/^apt-get install -y -qq --no-install-recommends ffmpeg yt-dlp/);
    expect(run.calls[1]).not.toMatch(/chromium|rsync|openssh/);
    expect(run.stdout).toMatch(/Installing system packages: ffmpeg yt-dlp/);
  });

  it('as a user with passwordless sudo: installs through sudo', async () => {
    const run = await startStep('sudoer', { uid: 1000, sudo: 'passwordless' });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      'sudo true',
      'sudo apt-get update -qq',
      'apt-get update -qq',
      expect.stringMatching(
        /^sudo env DEBIAN_FRONTEND=noninteractive apt-get install .* ffmpeg yt-dlp/,
      ),
      expect.stringMatching(/^apt-get install -y -qq --no-install-recommends ffmpeg yt-dlp/),
    ]);
  });

  it('as a user without sudo rights: installs nothing, prints the command, starts anyway', async () => {
    for (const sudo of ['password', 'none'] as const) {
      const run = await startStep(`user-${sudo}`, { uid: 1000, sudo });
      expect(run.status).toBe(0);
      expect(run.calls).toEqual([]);
      expect(run.stderr).toContain(
        'Missing system packages: ffmpeg yt-dlp; run: sudo apt-get install -y ffmpeg yt-dlp.',
      );
      expect(run.stderr).toMatch(/Starting anyway: compiles fail until ffmpeg is installed/);
    }
  });

  it('without apt-get: says to use the system package manager', async () => {
    const run = await startStep('no-apt', { uid: 0, aptGet: false });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /no apt-get here: install ffmpeg yt-dlp with the system's package manager/,
    );
  });

  it('with everything present: does nothing, says nothing', async () => {
    const run = await startStep('ready', { uid: 1000, ffmpeg: true });
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '', calls: [] });
  });

  it('without --advise (npm test): a user without sudo gets exit 1', async () => {
    const run = await startStep('strict', { uid: 1000 }, ['--runtime']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help says what it does and its exit codes; an unknown option exits 64 with one line', async () => {
    const help = await runCommand('/bin/bash', [SCRIPT, '--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--runtime \(npm start\)/);
    expect(help.stdout).toMatch(/^Exit codes: 0 nothing missing/m);
    const bad = await runCommand('/bin/bash', [SCRIPT, '--everything'], {});
    expect(bad.status).toBe(64);
    expect(bad.stderr).toBe('Unknown option: --everything (see --help)\n');
  });
});
