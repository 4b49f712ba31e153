import { execFile, execFileSync } from 'node:child_process';

/** `ps -o <field>= --ppid <parent>`: one line per child process; ps exits 1 when there are none. */
export function childProcesses(parent: number, field: 'pid' | 'comm'): string[] {
  try {
    return execFileSync('ps', ['-o', `${field}=`, '--ppid', String(parent)])
      .toString()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node script in its own process without blocking this one: an API under test may run
 * here too, and a blocked event loop keeps it from closing idle keep-alive connections in time
 * (a later request then fails with ECONNRESET).
 */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ScriptRun> {
  return runCommand(process.execPath, [script, ...args], env, timeoutMs);
}

/** Like `runScript`, for any program (`bash scripts/x.sh`): never blocks this process. */
export function runCommand(
  file: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
