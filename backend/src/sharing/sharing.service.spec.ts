import { NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user.js';
import type { MediaService } from '../media/media.service.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import type { SharingRepository } from './sharing.repository.js';
import { SHARE_NOT_FOUND, SharingService } from './sharing.service.js';

const project = (overrides: Partial<ProjectEntity>) =>
  ({
    id: 'p1',
    ownerId: 'owner',
    name: 'Best of',
    publicId: 'q3Jx0v9TtWm1b7rQy2A4kQ',
    sharingEnabled: false,
    ...overrides,
  }) as ProjectEntity;

describe('SharingService: who sees a share page', () => {
  let rows: ProjectEntity[];
  let lookups: string[];
  let service: SharingService;

  beforeEach(() => {
    rows = [];
    lookups = [];
    const repository = {
      findByPublicId: (publicId: string) => {
        lookups.push(publicId);
        return Promise.resolve(rows.find((row) => row.publicId === publicId) ?? null);
      },
      latestFinished: () => Promise.resolve(null),
    } as unknown as SharingRepository;
    service = new SharingService(repository, {} as MediaService);
  });

  /** The error a request ends with (the same class and body for every refusal). */
  const refusal = async (publicId: string, viewer?: AuthUser) => {
    const error = await service.publicProject(publicId, viewer).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotFoundException);
    return (error as NotFoundException).getResponse();
  };

  it('answers an unknown, an old and a disabled id alike, each after one lookup', async () => {
    rows.push(project({ publicId: 'disabledAAAAAAAAAAAAAA' }));
    const unknown = await refusal('unknownAAAAAAAAAAAAAAA');
    const disabled = await refusal('disabledAAAAAAAAAAAAAA');
    const stranger = await refusal('disabledAAAAAAAAAAAAAA', { id: 'other' } as AuthUser);
    expect(disabled).toEqual(unknown);
    expect(stranger).toEqual(unknown);
    expect(unknown).toMatchObject({ statusCode: 404, message: SHARE_NOT_FOUND });
    expect(lookups).toEqual([
      'unknownAAAAAAAAAAAAAAA',
      'disabledAAAAAAAAAAAAAA',
      'disabledAAAAAAAAAAAAAA',
    ]);
  });

  it('shows the page to anyone while sharing is on, and to the owner always', async () => {
    rows.push(project({ publicId: 'onAAAAAAAAAAAAAAAAAAAA', sharingEnabled: true }));
    rows.push(project({ id: 'p2', publicId: 'offAAAAAAAAAAAAAAAAAAA' }));
    expect((await service.publicProject('onAAAAAAAAAAAAAAAAAAAA', undefined)).title).toBe(
      'Best of',
    );
    const own = await service.publicProject('offAAAAAAAAAAAAAAAAAAA', {
      id: 'owner',
    } as AuthUser);
    expect(own).toEqual({
      publicId: 'offAAAAAAAAAAAAAAAAAAA',
      title: 'Best of',
      video: null,
      chapters: [],
      chaptersText: '',
    });
  });

  it('never looks up more than 64 characters of what the URL carries', async () => {
    await refusal('x'.repeat(5000));
    expect(lookups[0]).toHaveLength(64);
  });
});
