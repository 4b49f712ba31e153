import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  API_PATHS,
  JOB_TOKEN_HEADER,
  TUS_MEDIA_ID_HEADER,
  WORKER_KEY_HEADER,
  type ArtifactReportsRequest,
  type ArtifactReportsResponse,
  type ClaimJobResponse,
  type CompleteJobRequest,
  type FailJobRequest,
  type JobUpdateRequest,
  type JobUpdateResponse,
  type WorkerHeartbeatRequest,
} from '@clippyfront/shared';
import type { MediaInput } from '../handlers/index.js';
import { ClaimLostError } from '../runtime/claim-lost.js';
import { ApiError, withRetries } from './api-retry.js';
import { tusRetryDelays, tusUpload, TusUploadError } from './tus-upload.js';

export { ApiError } from './api-retry.js';

export interface ApiClientOptions {
  /**
   * How long a call is sent again while the API is away (restarting: no connection,
   * 502/503/504); 0: never. Progress reports are not retried here: the next one carries them.
   */
  retrySeconds?: number;
  /** Where the client says that the API is away and that it is back (once each). */
  notice?: (message: string) => void;
  /** The API refused the worker token (401: revoked, or unknown): the worker must stop. */
  onUnauthorized?: (message: string) => void;
}

/** A 409 from an endpoint that needs the job's claim: the claim is gone. */
function claimLostOn409(error: unknown): never {
  if (error instanceof ApiError && error.status === 409) throw new ClaimLostError(error.message);
  throw error;
}

/** The worker's only way to the server: REST with its own worker token. */
export class ApiClient {
  private readonly retrySeconds: number;

  constructor(
    private readonly baseUrl: string,
    /** The worker's own token (see worker-registration.ts). */
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
    private readonly uploadChunkBytes = 8 * 1024 * 1024,
    private readonly options: ApiClientOptions = {},
  ) {
    this.retrySeconds = options.retrySeconds ?? 0;
  }

  /** `call` until it gets an answer, while the API is away (at most retrySeconds). */
  private retrying<T>(what: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetries(call, {
      retrySeconds: this.retrySeconds,
      signal,
      onRetry: (error) =>
        this.options.notice?.(
          `${what}: the API is unreachable (${error.message}); trying again for up to ${this.retrySeconds} s`,
        ),
      onRecovered: () => this.options.notice?.(`${what}: the API answers again`),
    });
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.send(path, 'application/json', JSON.stringify(body));
  }

  private async send<T>(
    path: string,
    contentType: string,
    body: string | Uint8Array,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, [WORKER_KEY_HEADER]: this.apiKey, ...headers },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy's HTML error page, say: keep the status, show the start of the text.
      if (response.ok) throw new ApiError(response.status, `${path}: response is not JSON`);
      throw new ApiError(response.status, `${path}: ${response.status} ${text.slice(0, 200)}`);
    }
    if (!response.ok) {
      const message = (data as { message?: unknown } | undefined)?.message;
      throw this.refused(
        new ApiError(response.status, `${path}: ${response.status} ${String(message ?? '')}`),
      );
    }
    return data as T;
  }

  /** Tells onUnauthorized about a 401; answers the error to throw. */
  private refused(error: ApiError): ApiError {
    if (error.status === 401) this.options.onUnauthorized?.(error.message);
    return error;
  }

  /** States of exported artifacts; tried once (the next round sends them again). */
  reportArtifacts(body: ArtifactReportsRequest): Promise<ArtifactReportsResponse> {
    return this.post(API_PATHS.worker.artifacts, body);
  }

  heartbeat(body: WorkerHeartbeatRequest): Promise<void> {
    return this.post(API_PATHS.worker.heartbeat, body);
  }

  /**
   * The fairest queued job of `jobId`'s queue (the answer's jobId says which; the Bull job is a
   * wake-up); null when none is claimable (finished, cancelled or unknown).
   */
  async claim(jobId: string, workerId: string): Promise<ClaimJobResponse | null> {
    try {
      return await this.retrying(`Claiming job ${jobId}`, () =>
        this.post<ClaimJobResponse>(API_PATHS.worker.claim(jobId), { workerId, fair: true }),
      );
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
      throw error;
    }
  }

  /** Throws ClaimLostError when the claim is no longer current. */
  update(jobId: string, body: JobUpdateRequest): Promise<JobUpdateResponse> {
    return this.post<JobUpdateResponse>(API_PATHS.worker.update(jobId), body).catch(claimLostOn409);
  }

  complete(jobId: string, body: CompleteJobRequest): Promise<void> {
    return this.retrying(`Reporting job ${jobId} completed`, () =>
      this.post<void>(API_PATHS.worker.complete(jobId), body),
    ).catch((error: unknown) => {
      // A report whose answer was lost (a timeout) and that was sent again: it got through.
      if (error instanceof ApiError && error.status === 409 && / is completed /.test(error.message))
        return;
      claimLostOn409(error);
    });
  }

  fail(jobId: string, body: FailJobRequest): Promise<void> {
    return this.retrying(`Reporting job ${jobId} failed`, () =>
      this.post<void>(API_PATHS.worker.fail(jobId), body),
    ).catch(claimLostOn409);
  }

  /**
   * ffmpeg reads media straight from the API (it seeks with Range requests). While the API
   * restarts, ffmpeg reconnects (again and again, waiting up to the retry time between tries)
   * and goes on from where it was.
   */
  mediaInput(mediaId: string): MediaInput {
    const reconnect = this.retrySeconds
      ? [
          ['-reconnect', '1'],
          ['-reconnect_streamed', '1'],
          ['-reconnect_on_network_error', '1'],
          ['-reconnect_on_http_error', '502,503,504'],
          ['-reconnect_delay_max', String(Math.min(this.retrySeconds, 4294))],
        ].flat()
      : [];
    return {
      url: `${this.baseUrl}${API_PATHS.media.raw(mediaId)}`,
      inputOptions: [...reconnect, '-headers', `${WORKER_KEY_HEADER}: ${this.apiKey}\r\n`],
    };
  }

  /** Saves a media file of the library at `destPath` (streamed, never held in memory). */
  async downloadMedia(mediaId: string, destPath: string, signal?: AbortSignal): Promise<void> {
    if (!(await this.fetchToFile(API_PATHS.media.raw(mediaId), destPath, signal))) {
      throw new ApiError(404, `Media ${mediaId} is no longer in the library`);
    }
  }

  /** Saves a clip's creator avatar at `destPath`; false when the clip has none. */
  downloadAvatar(clipId: string, destPath: string, signal?: AbortSignal): Promise<boolean> {
    return this.fetchToFile(API_PATHS.avatarByClip(clipId), destPath, signal);
  }

  /**
   * GET into a file; false on 404. No overall timeout (files may be large), but the job's signal.
   * A transfer broken off while the API restarts goes on with a Range request from the bytes
   * already saved.
   */
  private async fetchToFile(
    path: string,
    destPath: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    let saved = 0;
    const attempt = async (): Promise<boolean> => {
      const headers: Record<string, string> = { [WORKER_KEY_HEADER]: this.apiKey };
      if (saved) headers.range = `bytes=${saved}-`;
      const response = await fetch(`${this.baseUrl}${path}`, { headers, signal });
      if (response.status === 404) {
        await response.body?.cancel();
        return false;
      }
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => '');
        throw this.refused(
          new ApiError(response.status, `${path}: ${response.status} ${text.slice(0, 200)}`),
        );
      }
      const resumed = saved > 0 && response.status === 206;
      try {
        await pipeline(
          Readable.fromWeb(response.body),
          createWriteStream(destPath, { flags: resumed ? 'a' : 'w' }),
          { signal },
        );
      } catch (error) {
        saved = (await stat(destPath).catch(() => null))?.size ?? 0;
        throw error;
      }
      return true;
    };
    try {
      return await this.retrying(`Downloading ${path}`, attempt, signal);
    } catch (error) {
      await rm(destPath, { force: true });
      throw error;
    }
  }

  async uploadThumbnail(jobId: string, token: string, localPath: string): Promise<void> {
    const bytes = new Uint8Array(await readFile(localPath));
    await this.retrying(`Sending the thumbnail of job ${jobId}`, () =>
      this.send(API_PATHS.worker.thumbnail(jobId), 'image/jpeg', bytes, {
        [JOB_TOKEN_HEADER]: token,
      }),
    ).catch(claimLostOn409);
  }

  /**
   * Sends a job's output file (resumable tus upload, in chunks) to the worker upload endpoint;
   * answers the id of the media the API made of it.
   */
  async uploadJobOutput(
    jobId: string,
    token: string,
    localPath: string,
    fileName: string,
    signal?: AbortSignal,
  ): Promise<{ mediaId: string }> {
    const path = API_PATHS.worker.uploads;
    let response;
    try {
      response = await tusUpload(localPath, {
        endpoint: `${this.baseUrl}${path}`,
        // The token header lets the abort's DELETE prove the claim; the metadata, the POST.
        headers: { [WORKER_KEY_HEADER]: this.apiKey, [JOB_TOKEN_HEADER]: token },
        metadata: { jobId, token, filename: fileName },
        chunkSize: this.uploadChunkBytes,
        retryDelays: tusRetryDelays(this.retrySeconds),
        signal,
      });
    } catch (error) {
      if (!(error instanceof TusUploadError)) throw error;
      if (error.claimLost) throw new ClaimLostError(error.message);
      throw this.refused(new ApiError(error.status ?? 0, error.message));
    }
    const mediaId = response.getHeader(TUS_MEDIA_ID_HEADER);
    if (!mediaId) {
      throw new ApiError(response.getStatus(), `${path}: the upload ended without a media id`);
    }
    return { mediaId };
  }
}
