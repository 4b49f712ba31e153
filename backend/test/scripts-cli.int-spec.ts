import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { runCommand, type ScriptRun } from './support/processes.js';

const SCRIPTS_DIR = join(PROJECT_ROOT, 'scripts');
const SCRIPTS = readdirSync(SCRIPTS_DIR).filter((name) => name.endsWith('.sh'));

/** Every operator script: --help, and a one-line reason with a non-zero exit on a bad option. */
describe('scripts/*.sh share one command-line manner', () => {
  const run = (script: string, ...args: string[]) =>
    runCommand('bash', [join(SCRIPTS_DIR, script), ...args], {
      HOME: process.env.HOME ?? '/tmp',
      // Never touch a real instance: the scripts that open one stop at the bad option first.
      CLIPPY_INSTANCE_PATH: '/nonexistent/clippy-scripts-test',
    });

  it('finds the scripts', () => {
    expect(SCRIPTS).toEqual(
      expect.arrayContaining(['health-check.sh', 'check-nvenc.sh', 'create-admin.sh']),
    );
  });

  // Each run is mostly a Node start: all of them at once, then one test per script and case.
  let runs: Map<string, { help: ScriptRun; bad: ScriptRun }>;
  beforeAll(async () => {
    const done = await Promise.all(
      SCRIPTS.map(async (script) => {
        const [help, bad] = await Promise.all([
          run(script, '--help'),
          run(script, '--no-such-option'),
        ]);
        return [script, { help, bad }] as const;
      }),
    );
    runs = new Map(done);
  }, 120_000);

  it.each(SCRIPTS)('%s --help prints its usage and exits 0', (script) => {
    const { help } = runs.get(script)!;
    expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/usage/i);
  });

  it.each(SCRIPTS)('%s refuses an unknown option with a one-line reason', (script) => {
    const { bad } = runs.get(script)!;
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.split('\n')[0]).toMatch(/--no-such-option/);
    expect(bad.stderr).not.toMatch(/TypeError|\n\s+at /);
  });
});
