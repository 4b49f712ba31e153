import * as tus from 'tus-js-client';
import {
  API_PATHS,
  JOB_TOKEN_HEADER,
  TUS_MEDIA_ID_HEADER,
  WORKER_KEY_HEADER,
  type ClaimJobResponse,
  type WorkerRegisterResponse,
} from '@clippyfront/shared';
import { api } from './test-app.js';

export interface UploadOutcome {
  status: number;
  mediaId: string | null;
  /** The JSON error message, when refused. */
  message: string | null;
}

/** Registers a worker with WORKER_API_KEY (or a registration token): its id and own token. */
export async function registerWorker(
  baseUrl: string,
  credential: string,
  name = 'fake-worker',
): Promise<WorkerRegisterResponse> {
  const { status, body } = await api<WorkerRegisterResponse>(baseUrl, API_PATHS.worker.register, {
    body: { name, queues: ['gpu', 'celery'], concurrency: 1, version: 'test', ffmpegVersion: null },
    headers: { [WORKER_KEY_HEADER]: credential },
  });
  if (status !== 201) throw new Error(`Register ${name}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The headers of a freshly registered worker's calls. */
export async function workerHeaders(baseUrl: string, key: string, name?: string) {
  const { token } = await registerWorker(baseUrl, key, name);
  return { [WORKER_KEY_HEADER]: token };
}

/**
 * The worker protocol driven by hand (claim, update, tus upload, complete/fail), for tests of
 * the API side that must not depend on a real worker's handlers. Make one with register().
 */
export class FakeWorker {
  readonly headers: Record<string, string>;

  constructor(
    private readonly baseUrl: string,
    /** The worker's own token. */
    token: string,
    readonly workerId: string,
  ) {
    this.headers = { [WORKER_KEY_HEADER]: token };
  }

  static async register(baseUrl: string, key: string, name = 'fake-worker'): Promise<FakeWorker> {
    const { workerId, token } = await registerWorker(baseUrl, key, name);
    return new FakeWorker(baseUrl, token, workerId);
  }

  /** The claim's token. */
  async claim(jobId: string): Promise<string> {
    const { status, body } = await api<ClaimJobResponse>(
      this.baseUrl,
      API_PATHS.worker.claim(jobId),
      { body: { workerId: this.workerId }, headers: this.headers },
    );
    if (status !== 200) throw new Error(`Claim of ${jobId}: ${status} ${JSON.stringify(body)}`);
    return body.token;
  }

  update(jobId: string, token: string, progress: number) {
    return api<{ cancelled: boolean }>(this.baseUrl, API_PATHS.worker.update(jobId), {
      body: { token, progress },
      headers: this.headers,
    });
  }

  complete(jobId: string, token: string, result: unknown) {
    return api(this.baseUrl, API_PATHS.worker.complete(jobId), {
      body: { token, result },
      headers: this.headers,
    });
  }

  fail(jobId: string, token: string, error: string) {
    return api(this.baseUrl, API_PATHS.worker.fail(jobId), {
      body: { token, error },
      headers: this.headers,
    });
  }

  /** Sends a download's file with tus-js-client, as the worker does. */
  upload(
    metadata: Record<string, string>,
    bytes: Buffer,
    options: { chunkSize?: number; headers?: Record<string, string> } = {},
  ): Promise<UploadOutcome> {
    return new Promise((resolve, reject) => {
      const upload = new tus.Upload(bytes, {
        endpoint: `${this.baseUrl}${API_PATHS.worker.uploads}`,
        retryDelays: null,
        headers: options.headers ?? this.headers,
        metadata,
        chunkSize: options.chunkSize ?? Infinity,
        onSuccess: ({ lastResponse }) =>
          resolve({
            status: lastResponse.getStatus(),
            mediaId: lastResponse.getHeader(TUS_MEDIA_ID_HEADER) ?? null,
            message: null,
          }),
        onError: (error) => {
          const response = (error as tus.DetailedError).originalResponse;
          if (!response) return reject(error);
          const body = response.getBody();
          let message: string | null = body;
          try {
            message = (JSON.parse(body) as { message: string }).message;
          } catch {
            // not JSON
          }
          resolve({ status: response.getStatus(), mediaId: null, message });
        },
      });
      upload.start();
    });
  }

  /** Claims the download job, sends `bytes` and completes the job; answers the media id. */
  async download(jobId: string, bytes: Buffer, filename = 'clip.mp4'): Promise<string> {
    const token = await this.claim(jobId);
    const sent = await this.upload({ jobId, token, filename }, bytes);
    if (!sent.mediaId) throw new Error(`Upload for ${jobId}: ${sent.status} ${sent.message}`);
    const done = await this.complete(jobId, token, {
      mediaId: sent.mediaId,
      sizeBytes: bytes.length,
      durationSeconds: null,
    });
    if (done.status !== 204) throw new Error(`Complete ${jobId}: ${done.status}`);
    return sent.mediaId;
  }

  /** Sends a thumbnail for a claimed thumbnail job. */
  async thumbnail(jobId: string, jpeg: Buffer): Promise<number> {
    const token = await this.claim(jobId);
    const response = await fetch(`${this.baseUrl}${API_PATHS.worker.thumbnail(jobId)}`, {
      method: 'POST',
      headers: { ...this.headers, [JOB_TOKEN_HEADER]: token, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpeg),
    });
    return response.status;
  }
}
