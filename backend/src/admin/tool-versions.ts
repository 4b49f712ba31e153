import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ToolVersionDto } from '@clippyfront/shared';

const execFileAsync = promisify(execFile);

/** The first line of `<binary> <args>` matched by `pattern` (its group), or null. */
export async function readVersion(
  binary: string | null,
  args: string[],
  pattern: RegExp,
): Promise<ToolVersionDto> {
  if (!binary) return { path: null, version: null };
  try {
    const { stdout } = await execFileAsync(binary, args, { timeout: 10_000 });
    return {
      path: binary,
      version: pattern.exec(stdout)?.[1] ?? (stdout.trim().split('\n')[0] || null),
    };
  } catch {
    return { path: binary, version: null };
  }
}
