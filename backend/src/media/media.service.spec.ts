import { jest } from '@jest/globals';
import { ANY_OWNER } from '../common/ownership.js';
import type { MediaEntity } from './media.entity.js';
import type { MediaFilesRepository } from './media-files.repository.js';
import type { MediaInspector } from './media-inspector.js';
import type { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';
import type { MediaThumbnailsService } from './media-thumbnails.service.js';
import type { StorageQuotaService } from './storage-quota.service.js';

const clip = {
  id: 'm1',
  ownerId: 'u1',
  name: 'a.mp4',
  type: 'clip',
  path: '/instance/data/u1/clips/a.mp4',
  thumbnailPath: null,
  tags: [],
} as unknown as MediaEntity;

function service(update: () => Promise<void>) {
  const media = {
    findById: jest.fn(async () => clip),
    update: jest.fn(update),
  };
  const files = {
    move: jest.fn(async () => '/instance/data/u1/intros/a.mp4'),
    moveBack: jest.fn(async () => undefined),
  };
  const svc = new MediaService(
    media as unknown as MediaRepository,
    files as unknown as MediaFilesRepository,
    {} as MediaInspector,
    {} as MediaThumbnailsService,
    {} as StorageQuotaService,
  );
  return { svc, media, files };
}

describe('MediaService type changes', () => {
  it('moves the file to the new type folder and records the new path', async () => {
    const { svc, media, files } = service(async () => undefined);
    await svc.update('m1', ANY_OWNER, { type: 'intro' });
    expect(files.move).toHaveBeenCalledWith(clip.path, 'u1', 'intro');
    expect(media.update).toHaveBeenCalledWith('m1', {
      type: 'intro',
      path: '/instance/data/u1/intros/a.mp4',
    });
    expect(files.moveBack).not.toHaveBeenCalled();
  });

  it('puts the file back when the row cannot be updated', async () => {
    const { svc, files } = service(async () => {
      throw new Error('database down');
    });
    await expect(svc.update('m1', ANY_OWNER, { type: 'intro' })).rejects.toThrow('database down');
    expect(files.moveBack).toHaveBeenCalledWith('/instance/data/u1/intros/a.mp4', clip.path);
  });

  it('refuses to turn a video into an image without touching the file', async () => {
    const { svc, files } = service(async () => undefined);
    await expect(svc.update('m1', ANY_OWNER, { type: 'image' })).rejects.toThrow(
      /cannot change from clip to image/,
    );
    expect(files.move).not.toHaveBeenCalled();
  });
});
