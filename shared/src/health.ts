import type { WorkerDto } from './worker-protocol.js';

export interface HealthDto {
  status: 'ok' | 'degraded';
  version: string;
  uptimeSeconds: number;
  database: { status: 'up' | 'down'; mode: 'postgres' | 'embedded'; error?: string };
  redis: { status: 'up' | 'down' | 'embedded'; error?: string };
  jobs: { mode: 'redis' | 'in-process' };
  ffmpeg: {
    available: boolean;
    version: string | null;
    ffmpegPath: string | null;
    ffprobePath: string | null;
  };
  workers: { online: number; list: WorkerDto[] };
}
