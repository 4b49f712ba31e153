import { execFileSync } from 'node:child_process';

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
