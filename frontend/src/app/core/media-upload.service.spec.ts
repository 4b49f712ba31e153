import { HttpXsrfTokenExtractor } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type {
  DetailedError,
  HttpRequest,
  HttpResponse,
  PreviousUpload,
  UploadOptions,
} from 'tus-js-client';
import { makeFile } from '../../testing/media-fixtures';
import {
  MAX_PARALLEL_UPLOADS,
  MediaUploadService,
  TUS_CHUNK_SIZE,
  TUS_UPLOAD_FACTORY,
  uploadMetadata,
  uploadPercent,
  type MediaUpload,
  type TusUpload,
} from './media-upload.service';

/** Stands in for tus-js-client's Upload: the test plays the server's part. */
class FakeTus implements TusUpload {
  started = false;
  terminated: boolean | null = null;
  resumedFrom: PreviousUpload | null = null;

  constructor(
    readonly file: File,
    readonly options: UploadOptions,
    private readonly previous: PreviousUpload[],
  ) {}

  start(): void {
    this.started = true;
  }
  abort(shouldTerminate?: boolean): Promise<void> {
    this.terminated = shouldTerminate ?? false;
    return Promise.resolve();
  }
  findPreviousUploads(): Promise<PreviousUpload[]> {
    return Promise.resolve(this.previous);
  }
  resumeFromPreviousUpload(previous: PreviousUpload): void {
    this.resumedFrom = previous;
  }

  progress(sent: number): void {
    this.options.onProgress?.(sent, this.file.size);
  }
  succeed(mediaId: string): void {
    const lastResponse = {
      getHeader: (name: string) => (name === 'clippy-media-id' ? mediaId : undefined),
    } as HttpResponse;
    this.options.onSuccess?.({ lastResponse });
  }
  refuse(status: number, message: string): void {
    const error = new Error('tus: unexpected response') as Error & Partial<DetailedError>;
    error.originalRequest = {} as HttpRequest;
    error.originalResponse = {
      getStatus: () => status,
      getBody: () => JSON.stringify({ statusCode: status, message }),
    } as HttpResponse;
    this.options.onError?.(error);
  }
}

const settle = () =>
  new Promise<void>((resolve) => jest.requireActual('timers').setImmediate(resolve));

describe('MediaUploadService', () => {
  let service: MediaUploadService;
  let created: FakeTus[];
  let previousUploads: Record<string, PreviousUpload[]>;

  const rows = () => service.uploads();
  const row = (name: string) => rows().find((r) => r.fileName === name) as MediaUpload;
  const tusFor = (name: string) => created.filter((t) => t.file.name === name).at(-1) as FakeTus;

  beforeEach(() => {
    created = [];
    previousUploads = {};
    TestBed.configureTestingModule({
      providers: [
        { provide: HttpXsrfTokenExtractor, useValue: { getToken: () => 'xsrf-123' } },
        {
          provide: TUS_UPLOAD_FACTORY,
          useValue: (file: File, options: UploadOptions) => {
            const upload = new FakeTus(file, options, previousUploads[file.name] ?? []);
            created.push(upload);
            return upload;
          },
        },
      ],
    });
    service = TestBed.inject(MediaUploadService);
  });

  afterEach(() => jest.useRealTimers());

  it(`starts ${MAX_PARALLEL_UPLOADS} uploads at once and queues the rest`, async () => {
    service.add([
      makeFile('a.mp4', 'video/mp4'),
      makeFile('b.png', 'image/png'),
      makeFile('c.mp4', 'video/mp4'),
    ]);
    expect(rows().map((r) => r.state)).toEqual(['uploading', 'uploading', 'queued']);
    await settle();
    expect(created.map((t) => [t.file.name, t.started])).toEqual([
      ['a.mp4', true],
      ['b.png', true],
    ]);
  });

  it('configures tus: absolute endpoint, chunks, retries, metadata, XSRF header', async () => {
    service.add([makeFile('a.mp4', 'video/mp4')], { type: 'intro', tags: ['funny', 'boss'] });
    await settle();
    const { options } = tusFor('a.mp4');
    expect(options.endpoint).toBe('http://localhost/api/media/uploads');
    expect(options.chunkSize).toBe(TUS_CHUNK_SIZE);
    expect(options.retryDelays?.length).toBeGreaterThan(0);
    expect(options.removeFingerprintOnSuccess).toBe(true);
    expect(options.metadata).toEqual({
      filename: 'a.mp4',
      filetype: 'video/mp4',
      type: 'intro',
      tags: '["funny","boss"]',
    });
    const setHeader = jest.fn();
    await options.onBeforeRequest?.({ setHeader } as unknown as HttpRequest);
    expect(setHeader).toHaveBeenCalledWith('x-xsrf-token', 'xsrf-123');
  });

  it('keeps an image an image whatever video type was chosen', () => {
    expect(uploadMetadata(makeFile('p.png', 'image/png'), { type: 'clip' })).toEqual({
      filename: 'p.png',
      filetype: 'image/png',
    });
    expect(uploadMetadata(makeFile('x', ''), {})).toEqual({
      filename: 'x',
      filetype: 'application/octet-stream',
    });
  });

  it('reports progress, a smoothed speed and the time left, then processing', async () => {
    jest.useFakeTimers({ now: 0, doNotFake: ['setImmediate'] });
    service.add([makeFile('big.mp4', 'video/mp4', 10_000_000)]);
    await settle();
    const tus = tusFor('big.mp4');

    tus.progress(0);
    jest.setSystemTime(1_000);
    tus.progress(2_000_000);
    expect(row('big.mp4')).toMatchObject({
      state: 'uploading',
      bytesSent: 2_000_000,
      bytesPerSecond: 2_000_000,
      secondsLeft: 4,
    });
    expect(uploadPercent(row('big.mp4'))).toBe(20);

    tus.progress(10_000_000);
    expect(row('big.mp4')).toMatchObject({ state: 'processing', secondsLeft: null });
    expect(uploadPercent(row('big.mp4'))).toBe(100);
  });

  it('ends done with the media id, announces it and starts the next file', async () => {
    const done: MediaUpload[] = [];
    service.completed.subscribe((u) => done.push(u));
    service.add([
      makeFile('a.mp4', 'video/mp4'),
      makeFile('b.mp4', 'video/mp4'),
      makeFile('c.mp4', 'video/mp4'),
    ]);
    await settle();

    tusFor('a.mp4').succeed('media-a');
    expect(row('a.mp4')).toMatchObject({ state: 'done', mediaId: 'media-a' });
    expect(done.map((u) => u.mediaId)).toEqual(['media-a']);
    expect(row('c.mp4').state).toBe('uploading');
    await settle();
    expect(tusFor('c.mp4').started).toBe(true);
  });

  it('shows why the server failed, and retries it (resuming when possible)', async () => {
    service.add([makeFile('bad.mp4', 'video/mp4')]);
    await settle();
    tusFor('bad.mp4').refuse(503, 'Storage is unavailable');
    expect(row('bad.mp4')).toMatchObject({
      state: 'error',
      error: 'Storage is unavailable (HTTP 503)',
      retryable: true,
    });

    const previous = { creationTime: '2026-01-02', uploadUrl: '/api/media/uploads/x' };
    previousUploads['bad.mp4'] = [
      { ...previous, creationTime: '2026-01-01' } as PreviousUpload,
      previous as PreviousUpload,
    ];
    service.retry(row('bad.mp4').id);
    expect(row('bad.mp4')).toMatchObject({ state: 'uploading', error: null });
    await settle();
    expect(created).toHaveLength(2);
    expect(tusFor('bad.mp4').resumedFrom).toBe(previousUploads['bad.mp4'][1]);
    expect(tusFor('bad.mp4').started).toBe(true);
  });

  it.each([
    [415, 'Only video and image files'],
    [413, 'The file is too large'],
    [403, 'Storage quota exceeded'],
    [400, 'type must be one of …'],
    [422, 'The file cannot be decoded'],
  ])('does not retry a file the server refused for good (HTTP %i)', async (status, message) => {
    service.add([makeFile('bad.mp4', 'video/mp4')]);
    await settle();
    tusFor('bad.mp4').refuse(status, message);
    expect(row('bad.mp4')).toMatchObject({
      state: 'error',
      error: `${message} (HTTP ${status})`,
      retryable: false,
    });
    service.retry(row('bad.mp4').id);
    expect(row('bad.mp4').state).toBe('error');
    expect(created).toHaveLength(1);
  });

  it('cancels: terminates on the server and ignores what the old upload still reports', async () => {
    service.add([makeFile('a.mp4', 'video/mp4')]);
    await settle();
    const tus = tusFor('a.mp4');
    service.cancel(row('a.mp4').id);
    expect(tus.terminated).toBe(true);
    expect(row('a.mp4').state).toBe('cancelled');

    tus.progress(500);
    tus.succeed('late');
    expect(row('a.mp4')).toMatchObject({ state: 'cancelled', bytesSent: 0, mediaId: null });
  });

  it('cancels a queued file before it starts', () => {
    service.add([
      makeFile('a.mp4', 'video/mp4'),
      makeFile('b.mp4', 'video/mp4'),
      makeFile('c.mp4', 'video/mp4'),
    ]);
    service.cancel(row('c.mp4').id);
    expect(row('c.mp4').state).toBe('cancelled');
    expect(created.map((t) => t.file.name)).toEqual(['a.mp4', 'b.mp4']);
  });

  it('does not start a cancelled file whose previous-upload lookup was still pending', async () => {
    service.add([makeFile('a.mp4', 'video/mp4')]);
    service.cancel(row('a.mp4').id);
    await settle();
    expect(tusFor('a.mp4').started).toBe(false);
  });

  it('dismisses finished rows and clears the done and cancelled ones', async () => {
    service.add([
      makeFile('a.mp4', 'video/mp4'),
      makeFile('b.mp4', 'video/mp4'),
      makeFile('c.mp4', 'video/mp4'),
    ]);
    await settle();
    tusFor('a.mp4').succeed('m');
    tusFor('b.mp4').refuse(415, 'Not media');
    service.cancel(row('c.mp4').id);

    service.dismiss(row('b.mp4').id);
    expect(rows().map((r) => r.fileName)).toEqual(['a.mp4', 'c.mp4']);
    expect(service.hasFinished()).toBe(true);
    service.clearFinished();
    expect(rows()).toEqual([]);
  });

  it('refuses to dismiss an active upload', async () => {
    service.add([makeFile('a.mp4', 'video/mp4')]);
    service.dismiss(row('a.mp4').id);
    expect(rows()).toHaveLength(1);
    expect(service.hasActive()).toBe(true);
  });
});
