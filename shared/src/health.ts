import type { EncoderStatus, WorkerDto } from './worker-protocol.js';

/** Which clip links this server downloads: Twitch and Discord always, other sites if allowed. */
export interface ClipSourcesDto {
  /** ALLOW_EXTERNAL_URLS: links to sites other than Twitch and Discord. */
  external: boolean;
}

/** The Debian/Ubuntu command that installs what compiles need (ffmpeg with ffprobe). */
export const FFMPEG_INSTALL_COMMAND = 'sudo apt-get install -y ffmpeg';

/** Whether a compile can run now, and if not, what is missing and the command that fixes it. */
export interface RenderReadinessDto {
  ready: boolean;
  /** System packages to install where jobs run (e.g. ["ffmpeg"]); empty when none is missing. */
  missing: string[];
  /** One line for people; null when ready. No paths or versions (anyone may read it). */
  reason: string | null;
  /** The command that installs `missing`; null when nothing is to install. */
  installCommand: string | null;
}

/**
 * What a visitor may know: whether the instance works. Signed-in users also see which part does
 * not (`database`, `redis`) and whether videos can be rendered (`render`).
 */
export interface HealthSummaryDto {
  status: 'ok' | 'degraded';
  detailed: false;
  database?: { status: 'up' | 'down' };
  redis?: { status: 'up' | 'down' | 'embedded' };
  render?: RenderReadinessDto;
  clipSources: ClipSourcesDto;
}

/** The full report, for admins and workers: versions, paths, errors, workers. */
export interface HealthDto {
  status: 'ok' | 'degraded';
  detailed: true;
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
  render: RenderReadinessDto;
  clipSources: ClipSourcesDto;
}

/** `GET /api/health`: the full report for admins and workers, the summary for anyone else. */
export type HealthAnswer = HealthDto | HealthSummaryDto;
