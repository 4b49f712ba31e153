import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { runCommand, runScript } from './support/processes.js';

const CLI = join(PROJECT_ROOT, 'worker', 'dist', 'cli', 'check-nvenc.js');
const SCRIPT = join(PROJECT_ROOT, 'scripts', 'check-nvenc.sh');

/** This machine has ffmpeg with h264_nvenc listed (Debian builds it in) but no GPU. */
describe('scripts/check-nvenc.sh (the real ffmpeg)', () => {
  it('--json: NVENC unavailable with ffmpeg’s error text, libx264 works, exit 0', async () => {
    const result = await runScript(CLI, ['--json'], {}, 90_000);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.ffmpeg.path).toMatch(/ffmpeg$/);
    expect(report.ffmpeg.version).toMatch(/^\d+\.\d+/);
    expect(report.libx264).toEqual({ listed: true, testEncode: 'ok', error: null });
    expect(report.chosen.encoder).toBe('libx264');
    expect(typeof report.zscale).toBe('boolean');
    if (report.nvenc.listed) {
      expect(report.nvenc.testEncode).toBe('failed');
      expect(report.nvenc.error).toMatch(/\S/);
      expect(report.chosen.reason).toContain(`NVENC test encode failed: `);
    } else {
      expect(report.chosen.reason).toBe('ffmpeg does not list h264_nvenc');
    }
  });

  it('--require-nvenc (the GPU worker health check): exit 3 and why, where NVENC does not work', async () => {
    const result = await runScript(CLI, ['--require-nvenc'], {}, 90_000);
    expect(result.status).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^NVENC required but not used: (NVENC test encode failed: .+|ffmpeg does not list h264_nvenc)$/m,
    );
  });

  it('FFMPEG_DISABLE_NVENC skips the test encode', async () => {
    const result = await runScript(CLI, ['--json'], { FFMPEG_DISABLE_NVENC: '1' }, 90_000);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.nvenc).toMatchObject({ disabled: true, testEncode: 'skipped' });
    expect(report.chosen).toEqual({ encoder: 'libx264', reason: 'FFMPEG_DISABLE_NVENC is set' });
    expect(report.summary).toBe('Compile uses libx264: FFMPEG_DISABLE_NVENC is set');
  });

  it('without ffmpeg: exit 1 and a one-line reason naming the variable', async () => {
    const result = await runScript(CLI, [], { FFMPEG_BINARY: '/nonexistent/ffmpeg' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'No encoder: FFMPEG_BINARY=/nonexistent/ffmpeg is not an executable file',
    );
  });

  it('the shell wrapper: --help names the exit codes; a bad option exits 64', async () => {
    const help = await runCommand('bash', [SCRIPT, '--help'], {});
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: check-nvenc \[--json\]/);
    expect(help.stdout).toMatch(/0 a working encoder exists/);
    const bad = await runCommand('bash', [SCRIPT, '--gpu'], {});
    expect(bad.status).toBe(64);
    expect(bad.stderr.trim()).toBe("Unknown option '--gpu' (see --help)");
  });
});
