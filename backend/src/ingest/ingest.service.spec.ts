import { jest } from '@jest/globals';
import type { Stats } from 'node:fs';
import { PayloadTooLargeException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { IngestSettings } from '../config/ingest-env.js';
import type { AdvisoryLock } from '../database/advisory-lock.service.js';
import type { MediaEntity } from '../media/media.entity.js';
import type { MediaThumbnailsService } from '../media/media-thumbnails.service.js';
import type { MediaService, ReceivedUpload } from '../media/media.service.js';
import type { IngestFilesRepository } from './ingest-files.repository.js';
import type { IngestImportEntity } from './ingest-import.entity.js';
import type { ImportedCompilation, IngestRepository, NewClaim } from './ingest.repository.js';
import { IngestService, IngestTargetError } from './ingest.service.js';

const SHA = 'a'.repeat(64);
const settings: IngestSettings = {
  enabled: true,
  root: '/ingest',
  username: 'archivist',
  project: 'Imported',
  createProject: true,
  pattern: '*.mp4',
  action: 'copy',
  stableSeconds: 0,
  workerIds: [],
  intervalSeconds: 60,
};

/** In-memory stand-ins for the database and the ingest root; `events` records the order. */
function setup(
  options: { existingMedia?: string[]; ingestError?: Error; kind?: 'clip' | 'compilation' } = {},
) {
  const events: string[] = [];
  const rows: IngestImportEntity[] = [];
  const compilations: (ImportedCompilation & { claimId: string })[] = [];
  const media = new Set(options.existingMedia ?? []);
  const sources = new Set(['/ingest/w1/art/video.mp4']);
  let hashed = 0;
  const repository = {
    findUser: async (username: string) =>
      username === 'archivist' ? { id: 'user-1', username } : null,
    findProject: async () => ({ id: 'project-1', name: 'Imported' }),
    createProject: async () => ({ id: 'project-new', name: 'Imported' }),
    importedAt: async (path: string) =>
      rows.filter((r) => r.path === path && r.state === 'imported'),
    find: async (path: string, sha256: string) =>
      rows.find((r) => r.path === path && r.sha256 === sha256) ?? null,
    claim: async (input: NewClaim) => {
      if (rows.some((r) => r.path === input.path && r.sha256 === input.sha256)) return null;
      const row = {
        ...input,
        id: `claim-${rows.length + 1}`,
        state: 'importing',
      } as IngestImportEntity;
      rows.push(row);
      events.push('claim');
      return row;
    },
    finishImport: async (id: string, compilation: ImportedCompilation | null, tx?: unknown) => {
      rows.find((r) => r.id === id)!.state = 'imported';
      if (compilation) compilations.push({ ...compilation, claimId: id });
      events.push(tx ? 'finishImport (media transaction)' : 'finishImport');
    },
    release: async (id: string) => {
      rows.splice(
        rows.findIndex((r) => r.id === id),
        1,
      );
      events.push('release');
    },
    mediaExists: async (id: string) => media.has(id),
    withoutThumbnail: async () => [],
    saveLastScan: async () => undefined,
  } as unknown as IngestRepository;
  const files = {
    isDirectory: async () => true,
    removeStaleStaging: async () => undefined,
    subdirectories: async (dir: string) =>
      dir === '/ingest'
        ? [{ name: 'w1', path: '/ingest/w1' }]
        : [{ name: 'art', path: '/ingest/w1/art' }],
    readiness: async () => ({ ready: true }),
    readJson: async () => ({
      kind: options.kind ?? 'compilation',
      fileName: 'video.mp4',
      sha256: SHA,
      durationSeconds: 12.5,
      chapters: [{ startSeconds: 0, title: 'Intro' }],
    }),
    files: async () => (sources.has('/ingest/w1/art/video.mp4') ? ['video.mp4'] : []),
    stat: async () => ({ size: 10, mtimeMs: 1000 }) as Stats,
    sha256: async () => {
      hashed++;
      return SHA;
    },
    stage: async () => {
      events.push('stage');
      return '/instance/tmp/uploads/ingest-x.part';
    },
    remove: async (path: string) => {
      sources.delete(path);
      events.push('removeSource');
    },
  } as unknown as IngestFilesRepository;
  const ingest = jest.fn(async (_owner: string, upload: ReceivedUpload) => {
    events.push('ingest');
    if (options.ingestError) throw options.ingestError;
    const made = { id: upload.mediaId } as MediaEntity;
    await upload.alongside?.({} as EntityManager, made);
    media.add(upload.mediaId!);
    return made;
  });
  const service = new IngestService(
    repository,
    files,
    { ingest } as unknown as MediaService,
    { request: async () => null } as unknown as MediaThumbnailsService,
    { run: (_key: string, task: () => Promise<unknown>) => task() } as unknown as AdvisoryLock,
    { ingest: settings } as AppConfig,
  );
  return { service, events, rows, media, ingest, hashed: () => hashed, sources, compilations };
}

describe('IngestService', () => {
  it('imports a ready artifact once through the media path, with the claimed id', async () => {
    const { service, events, rows, ingest, hashed, compilations } = setup();
    const first = await service.scan({ settings });
    expect(first.counts).toEqual({ imported: 1, skipped: 0, waiting: 0, failed: 0 });
    expect(ingest).toHaveBeenCalledWith('user-1', {
      tmpPath: '/instance/tmp/uploads/ingest-x.part',
      size: 10,
      fileName: 'video.mp4',
      mediaId: rows[0]!.mediaId,
      fields: { type: 'compilation', tags: ['ingest'] },
      alongside: expect.any(Function),
    });
    expect(first.artifacts[0]).toMatchObject({ state: 'imported', mediaId: rows[0]!.mediaId });
    // The compilation and the mark are written in the media row's transaction.
    expect(events).toEqual(['claim', 'stage', 'ingest', 'finishImport (media transaction)']);
    expect(compilations).toEqual([
      {
        claimId: rows[0]!.id,
        projectId: 'project-1',
        ownerId: 'user-1',
        mediaId: rows[0]!.mediaId,
        ingestWorkerId: 'w1',
        ingestPath: 'w1/art/video.mp4',
        ingestOutput: {
          durationSeconds: 12.5,
          renderSeconds: null,
          encoder: null,
          chapters: [{ startSeconds: 0, title: 'Intro' }],
        },
      },
    ]);

    const second = await service.scan({ settings });
    expect(second.artifacts[0]).toMatchObject({ state: 'skipped', reason: 'already imported' });
    expect(ingest).toHaveBeenCalledTimes(1);
    // Same size and mtime as when imported: not hashed again.
    expect(hashed()).toBe(1);
  });

  it('imports a clip artifact as a clip, with no compilation', async () => {
    const { service, ingest, compilations } = setup({ kind: 'clip' });
    expect((await service.scan({ settings })).counts.imported).toBe(1);
    expect(ingest.mock.calls[0]![1].fields).toEqual({ type: 'clip', tags: ['ingest'] });
    expect(compilations).toEqual([]);
  });

  it('finishes a claim whose media was made before a crash, without a second media', async () => {
    const { service, rows, ingest, events, compilations } = setup({ existingMedia: ['media-1'] });
    rows.push({
      id: 'claim-0',
      path: 'w1/art/video.mp4',
      sha256: SHA,
      state: 'importing',
      mediaId: 'media-1',
      sizeBytes: 10,
      mtimeMs: 1000,
    } as IngestImportEntity);
    const result = await service.scan({ settings });
    expect(result.artifacts[0]).toMatchObject({ state: 'imported', mediaId: 'media-1' });
    expect(ingest).not.toHaveBeenCalled();
    // Made before compilations were: it gets its compilation now.
    expect(events).toEqual(['finishImport']);
    expect(compilations).toMatchObject([{ claimId: 'claim-0', mediaId: 'media-1' }]);
  });

  it('retries a claim whose import was cut short before the media existed', async () => {
    const { service, rows, ingest } = setup();
    rows.push({
      id: 'claim-0',
      path: 'w1/art/video.mp4',
      sha256: SHA,
      state: 'importing',
      mediaId: 'media-9',
    } as IngestImportEntity);
    const result = await service.scan({ settings });
    expect(result.artifacts[0]).toMatchObject({ state: 'imported', mediaId: 'media-9' });
    expect(ingest).toHaveBeenCalledTimes(1);
    expect(rows).toHaveLength(1);
  });

  it('releases the claim when the library refuses the file, so the next scan retries', async () => {
    const refusal = new PayloadTooLargeException('Storage quota exceeded');
    const { service, rows, events } = setup({ ingestError: refusal });
    const result = await service.scan({ settings });
    expect(result.artifacts[0]).toMatchObject({
      state: 'failed',
      reason: 'not imported: Storage quota exceeded',
      mediaId: null,
    });
    expect(rows).toEqual([]);
    expect(events).toEqual(['claim', 'stage', 'ingest', 'release']);
  });

  it('move removes the source only after the import is recorded', async () => {
    const { service, events, sources } = setup();
    const moving = { ...settings, action: 'move' as const };
    await service.scan({ settings: moving });
    expect(events).toEqual([
      'claim',
      'stage',
      'ingest',
      'finishImport (media transaction)',
      'removeSource',
    ]);
    expect(sources.size).toBe(0);
  });

  it('writes nothing on a dry run', async () => {
    const { service, events, rows } = setup();
    const result = await service.scan({ settings, dryRun: true });
    expect(result.artifacts[0]).toMatchObject({
      state: 'skipped',
      reason: `dry run: would copy it in as compilation into archivist's project "Imported"`,
    });
    expect(events).toEqual([]);
    expect(rows).toEqual([]);
  });

  it('stops with the setting named when the user is unknown', async () => {
    const { service } = setup();
    const attempt = service.scan({ settings: { ...settings, username: 'ghost' } });
    await expect(attempt).rejects.toBeInstanceOf(IngestTargetError);
    await expect(attempt).rejects.toThrow('INGEST_IMPORT_USERNAME: no user "ghost"');
  });
});
