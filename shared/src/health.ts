import type { EncoderStatus, WorkerDto } from './worker-protocol.js';

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
    /** This process's compile encoder (in-process jobs); workers report theirs in `workers`. */
    encoder: EncoderStatus | null;
  };
  workers: { online: number; list: WorkerDto[] };
}
