import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a registered worker keeps: its id and its own token, for the API it registered with. */
export interface SavedWorkerToken {
  apiUrl: string;
  workerId: string;
  token: string;
}

export const WORKER_TOKEN_FILE = 'worker-token.json';

/** The worker's state folder: its token in a file only its user can read (0600). */
export class WorkerStateStore {
  constructor(private readonly dir: string) {}

  get path(): string {
    return join(this.dir, WORKER_TOKEN_FILE);
  }

  /** The saved token; null when none is saved (or the file is not one of ours). */
  async read(): Promise<SavedWorkerToken | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const saved = JSON.parse(text) as Partial<SavedWorkerToken>;
      if (
        typeof saved.apiUrl === 'string' &&
        typeof saved.workerId === 'string' &&
        typeof saved.token === 'string'
      ) {
        return { apiUrl: saved.apiUrl, workerId: saved.workerId, token: saved.token };
      }
    } catch {
      // A broken file: as if none were saved (registering again writes a good one).
    }
    return null;
  }

  /** Written whole or not at all (a temporary file renamed over the old one). */
  async save(saved: SavedWorkerToken): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.path);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
