import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  JOB_TOKEN_HEADER,
  TUS_MEDIA_ID_HEADER,
  WORKER_KEY_HEADER,
} from '@clippyfront/shared';
import { ClaimLostError } from '../runtime/claim-lost.js';
import { ApiClient, ApiError } from './api-client.js';

/** A minimal tus 1.0 server (creation + core), enough to see what the worker sends. */
interface FakeUpload {
  length: number;
  metadata: Record<string, string>;
  chunks: Buffer[];
  offset: number;
}

const key = 'worker-key-0123456789';
let server: Server;
let baseUrl: string;
let folder: string;
let uploads: Map<string, FakeUpload>;
let requests: { method: string; offset?: string; workerKey?: string; jobToken?: string }[];
let refuseCreation: { status: number; body: string } | null;
let failPatchOnce: number | null;
/** Answers the API's 409 for a stale claim to every PATCH from this chunk on. */
let claimLostAt: number | null;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function parseMetadata(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(',').map((pair) => {
      const [name, value] = pair.trim().split(' ');
      return [name!, Buffer.from(value ?? '', 'base64').toString('utf8')];
    }),
  );
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  requests.push({
    method: req.method ?? '',
    offset: req.headers['upload-offset'] as string | undefined,
    workerKey: req.headers[WORKER_KEY_HEADER] as string | undefined,
    jobToken: req.headers[JOB_TOKEN_HEADER] as string | undefined,
  });
  const tus = { 'tus-resumable': '1.0.0' };
  if (req.method === 'POST' && req.url === API_PATHS.worker.uploads) {
    if (refuseCreation) {
      res.writeHead(refuseCreation.status, { 'content-type': 'application/json', ...tus });
      return res.end(refuseCreation.body);
    }
    const id = `u${uploads.size + 1}`;
    uploads.set(id, {
      length: Number(req.headers['upload-length']),
      metadata: parseMetadata(req.headers['upload-metadata'] as string),
      chunks: [],
      offset: 0,
    });
    return res.writeHead(201, { location: `${API_PATHS.worker.uploads}/${id}`, ...tus }).end();
  }
  const upload = uploads.get(req.url?.split('/').pop() ?? '');
  if (!upload) return res.writeHead(404, tus).end();
  if (req.method === 'HEAD') {
    const headers = {
      'upload-offset': String(upload.offset),
      'upload-length': String(upload.length),
    };
    return res.writeHead(200, { ...headers, 'cache-control': 'no-store', ...tus }).end();
  }
  if (req.method === 'PATCH') {
    if (failPatchOnce !== null && upload.chunks.length === failPatchOnce) {
      failPatchOnce = null;
      return res.writeHead(503, tus).end();
    }
    if (claimLostAt !== null && upload.chunks.length >= claimLostAt) {
      res.writeHead(409, { 'content-type': 'application/json', ...tus });
      return res.end(
        JSON.stringify({
          message: 'Job j is queued and this claim is no longer current; stop working on it',
        }),
      );
    }
    if (Number(req.headers['upload-offset']) !== upload.offset)
      return res.writeHead(409, tus).end();
    upload.chunks.push(body);
    upload.offset += body.length;
    const done = upload.offset === upload.length ? { [TUS_MEDIA_ID_HEADER]: 'media-42' } : {};
    return res.writeHead(204, { 'upload-offset': String(upload.offset), ...done, ...tus }).end();
  }
  res.writeHead(405, tus).end();
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-tus-spec-'));
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  uploads = new Map();
  requests = [];
  refuseCreation = null;
  failPatchOnce = null;
  claimLostAt = null;
});

function file(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31) % 251;
  const path = join(folder, `file-${size}.mp4`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

const client = () => new ApiClient(baseUrl, key, 5000, 64 * 1024);

describe('ApiClient.uploadJobOutput (tus)', () => {
  it('sends the file in chunks with the job, token and file name, and answers the media id', async () => {
    const { path, bytes } = file(200_000);
    await expect(client().uploadJobOutput('job-7', 'tok-7', path, 'clip.mp4')).resolves.toEqual({
      mediaId: 'media-42',
    });
    const [upload] = [...uploads.values()];
    expect(upload!.metadata).toEqual({ jobId: 'job-7', token: 'tok-7', filename: 'clip.mp4' });
    expect(upload!.chunks.map((c) => c.length)).toEqual([65536, 65536, 65536, 3392]);
    expect(Buffer.concat(upload!.chunks).equals(bytes)).toBe(true);
    expect(requests.every((r) => r.workerKey === key)).toBe(true);
    // Every request names the claim, so an abort's DELETE proves it like the rest.
    expect(requests.every((r) => r.jobToken === 'tok-7')).toBe(true);
  });

  it('resumes from the server offset after a failed chunk', async () => {
    const { path, bytes } = file(200_000);
    failPatchOnce = 2;
    await expect(client().uploadJobOutput('job-7', 'tok-7', path, 'clip.mp4')).resolves.toEqual({
      mediaId: 'media-42',
    });
    expect(requests.map((r) => r.method)).toEqual([
      'POST',
      'PATCH',
      'PATCH',
      'PATCH',
      'HEAD',
      'PATCH',
      'PATCH',
    ]);
    expect(Buffer.concat([...uploads.values()][0]!.chunks).equals(bytes)).toBe(true);
  });

  it('gives up at once on a lost claim (409 from the API, not a tus offset mismatch)', async () => {
    const { path } = file(200_000);
    claimLostAt = 1;
    const retrying = new ApiClient(baseUrl, key, 5000, 64 * 1024, { retrySeconds: 30 });
    const error = await retrying
      .uploadJobOutput('job-7', 'tok-7', path, 'clip.mp4')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimLostError);
    expect(requests.map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
  });

  it("rejects with the server's message when the upload is refused", async () => {
    const { path } = file(1000);
    refuseCreation = {
      status: 415,
      body: JSON.stringify({ statusCode: 415, message: 'The file is not a video' }),
    };
    const error = await client()
      .uploadJobOutput('job-7', 'tok-7', path, 'clip.mp4')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 415, message: 'The file is not a video' });
  });

  it('stops when the job is cancelled', async () => {
    const { path } = file(200_000);
    const abort = new AbortController();
    abort.abort();
    await expect(
      client().uploadJobOutput('job-7', 'tok-7', path, 'clip.mp4', abort.signal),
    ).rejects.toThrow('Cancelled');
    expect(requests).toEqual([]);
  });
});
